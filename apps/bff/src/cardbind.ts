/**
 * The app's assembly: the routes mounted on one Hono app over the composed dependencies, with
 * the built files it is given. Nothing here holds those files: app.ts gives this build's own
 * (createCardbind), the Workers entry reads them from static assets.
 */
import type { Transport } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import type { TracerProvider } from '@opentelemetry/api';
import { Hono } from 'hono';
import { compose } from './compose.js';
import { type Config, configWarnings, parseConfig } from './config/schema.js';
import type { BuiltFiles } from './files/built-files.js';
import { type AnswerReport, answerCheck } from './http/answer-check.js';
import { answerHeaders, json, setAnswerHeader } from './http/answers.js';
import type { Encoders } from './http/compression.js';
import { mount, mountedRoutes } from './http/mount.js';
import type { Features, Route } from './http/route.js';
import { REFUSAL_STATUS } from './http/statuses.js';
import { bodyCap, MAX_BODY_BYTES } from './middleware/body-cap.js';
import type { ClientIp } from './middleware/ip-limit.js';
import { requestLog } from './middleware/request-log.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';
import { requestTelemetry } from './middleware/telemetry.js';
import { Refusal } from './refusals.js';
import { ROUTES } from './routes/index.js';
import { type Store, StoreUnavailableError } from './store/types.js';
import type { ScrapableMetrics } from './telemetry/metrics.js';
import type { WebhookOutbox } from './webhooks/outbox.js';

export interface AppOptions {
  /** Defaults to an in-memory store (tests, one short-lived instance); the Node entry uses LevelStore. */
  store?: Store;
  now?: () => number;
  /** Where JSON log lines go; defaults to console.log. */
  log?: (line: string) => void;
  /** The client's socket address, for the per-IP limit (the Node entry passes the connection's). */
  clientIp?: ClientIp;
  /** For webhook deliveries; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** For provider calls; defaults to the global fetch (benchmarks pass a simulator's in-process fetch). */
  providerFetch?: typeof fetch;
  /** Sends provider calls instead of `providerFetch` (the Node entry's keep-alive transport). */
  providerTransport?: Transport;
  /**
   * With `telemetry.traces`: where spans go. Defaults to the tracer provider the process
   * registered with the OpenTelemetry API (an SDK's `start()` or `register()`).
   */
  tracerProvider?: TracerProvider;
  /** Served at `GET /metrics` (operator key): the Node entry passes `prometheusMetrics()` with `telemetry.metrics`. */
  metrics?: ScrapableMetrics;
  /**
   * The answer check (as `checkAnswers` turns it on): every answer is held to its route's
   * declaration and reported here, `problem` set when it breaks it. Off by default, and then free.
   */
  answerCheck?: (answer: AnswerReport) => void;
  /**
   * Encoders for the BFF's own files beside gzip (which every runtime has through
   * CompressionStream): the Node entry gives brotli from node:zlib.
   */
  encoders?: Encoders;
  /**
   * Where the BFF's built files come from (the widget's frame and scripts, the operations page,
   * the BIN data, the OpenAPI document): this build's modules by default. The Workers entry reads
   * them from static assets (`fetchedFiles`), so its script does not carry them.
   */
  files?: BuiltFiles;
}

export interface Cardbind {
  app: Hono;
  /** The webhook outbox: poll `deliverDue()` (the Node entry does, every `webhooks.pollMs`). */
  outbox: WebhookOutbox;
  store: Store;
  config: Config;
  /** Writes what this instance counted for the operations page (the Node entry does before it closes). */
  flush(): Promise<void>;
}

/**
 * The app together with its outbox and store, its built files from `files` (app.ts's
 * createCardbind gives this build's own; the Workers entry, static assets).
 */
export function assembleCardbind(input: unknown, options: AppOptions, files: BuiltFiles): Cardbind {
  const config = parseConfig(input);
  const { deps, ownStore, tracing } = compose(config, options, files);
  for (const warning of configWarnings(config)) deps.logger.warn('config.key_ignored', { warning: notPii(warning) });
  const features: Features = { metrics: options.metrics !== undefined, operations: config.operations.page };
  const routes = mountedRoutes(ROUTES, features);
  let document: Promise<unknown> | undefined;
  deps.openApiDocument = () => {
    document ??= files.openApi(routes, features, config.publicUrl);
    document.catch(() => {
      document = undefined;
    });
    return document;
  };

  const app = new Hono();
  // First, so the request's span holds everything else.
  // (Requests are not on the operations page: without traces or Prometheus, no per-request work.)
  if (tracing || options.metrics) app.use('*', requestTelemetry(deps.telemetry));
  app.use('*', answerHeaders(SECURITY_HEADERS), requestLog(deps.logger, deps.now));
  const served = new Map<object, Route>();
  if (config.checkAnswers || options.answerCheck) app.use('*', answerCheck(served, options.answerCheck ?? (() => {})));
  app.use('*', bodyCap(MAX_BODY_BYTES));

  // A refusal becomes its answer here, once; anything else is a 503 (the store) or a 500.
  app.onError((error, c) => {
    const refusal =
      error instanceof Refusal
        ? error
        : new Refusal(error instanceof StoreUnavailableError ? 'STORE_UNAVAILABLE' : 'INTERNAL');
    if (!(error instanceof Refusal)) deps.logger.error('unhandled', { name: notPii(error.name) });
    if (refusal.retryAfter !== undefined) setAnswerHeader(c, 'retry-after', String(refusal.retryAfter));
    return json(c, refusal.body(), REFUSAL_STATUS[refusal.code]);
  });
  app.notFound((c) => json(c, new Refusal('NOT_FOUND').body(), 404));

  mount(app, deps, routes, served);
  return { app, outbox: deps.outbox, store: ownStore, config, flush: async () => deps.operationsStats?.flush() };
}
