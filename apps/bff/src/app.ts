import { Fingerprinter, notPii } from '@cardbind/core/pii';
import { createCallContext, type Logger, type Transport } from '@cardbind/core/provider';
import { type TracerProvider, trace } from '@opentelemetry/api';
import { Hono } from 'hono';
import { TokenService } from './auth/tokens.js';
import { parseConfig } from './config/schema.js';
import type { Deps } from './deps.js';
import { ApiError } from './errors.js';
import { jsonLogger } from './logger.js';
import { bodyCap, MAX_BODY_BYTES, MAX_NOTIFY_BYTES } from './middleware/body-cap.js';
import { widgetCors } from './middleware/cors.js';
import { type ClientIp, clientIpOf, ipLimit } from './middleware/ip-limit.js';
import { notifyBudget } from './middleware/notify-budget.js';
import { requestLog } from './middleware/request-log.js';
import { SECURITY_HEADERS } from './middleware/security-headers.js';
import { requestTelemetry } from './middleware/telemetry.js';
import { openApiDocument } from './openapi.js';
import { bindCardRoutes } from './routes/bind-cards.js';
import { binRoutes } from './routes/bins.js';
import { healthRoutes } from './routes/health.js';
import { metricsRoutes } from './routes/metrics.js';
import { operationsRoutes } from './routes/operations.js';
import { sessionRoutes } from './routes/sessions.js';
import { verificationRoutes } from './routes/verifications.js';
import { webhookEventRoutes } from './routes/webhook-events.js';
import { widgetRoutes } from './routes/widget.js';
import { IdempotencyKeys } from './services/idempotency.js';
import { ipFingerprints } from './services/ip-fingerprints.js';
import { OperationsStats } from './services/operations-stats.js';
import { OrderRepository } from './services/orders.js';
import { buildProviders } from './services/providers.js';
import { ProviderRouter } from './services/router.js';
import { VerificationRepository } from './services/verifications.js';
import { WebhookOutbox, webhookBacklog } from './services/webhooks.js';
import { MemoryStore } from './store/memory.js';
import { type Store, StoreUnavailableError } from './store/types.js';
import { fanOutMetrics } from './telemetry/fan-out.js';
import type { Metrics, ScrapableMetrics } from './telemetry/metrics.js';
import { Telemetry } from './telemetry/telemetry.js';
import { tracedStore } from './telemetry/traced-store.js';

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

export { configFromEnv } from './config/env.js';

/** The OpenTelemetry instrumentation scope of the BFF's spans. */
export const INSTRUMENTATION_SCOPE = '@cardbind/bff';

import type { Config } from './config/schema.js';
import { answerHeaders, json, setAnswerHeader } from './middleware/answer-headers.js';

export type { Config, ConfigInput } from './config/schema.js';
export { ConfigError, parseConfig } from './config/schema.js';
export { openApiDocument } from './openapi.js';
export type { EventRecord, EventType, WebhookEvent } from './services/webhooks.js';
export { WEBHOOK_JWS_TYPE } from './services/webhooks.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory.js';
export { StoreUnavailableError } from './store/types.js';
export type { GaugeSources, Metrics, ProviderCallRecord, ScrapableMetrics } from './telemetry/metrics.js';
export type { Store };

/**
 * The cardbind BFF as one Hono app on Web APIs: run it alone, or mount it in
 * your own Hono app (`app.route('/cardbind', createApp(config))`). The
 * configuration is validated here; a bad one throws `ConfigError` naming the
 * paths (never the values).
 */
export function createApp(input: unknown, options: AppOptions = {}): Hono {
  return createCardbind(input, options).app;
}

/** The app together with its outbox and store, for entries that run the delivery loop. */
export function createCardbind(input: unknown, options: AppOptions = {}): Cardbind {
  const config = parseConfig(input);
  const now = options.now ?? Date.now;
  const logger: Logger = jsonLogger(options.log ?? ((line) => console.log(line)), now);
  const tracer = config.telemetry.traces
    ? (options.tracerProvider ?? trace.getTracerProvider()).getTracer(INSTRUMENTATION_SCOPE)
    : undefined;
  const ownStore = options.store ?? new MemoryStore(now);
  // The operations page's counts are a metrics sink beside the Prometheus one: untraced, on the store itself.
  const operationsStats = config.operations.page ? new OperationsStats(ownStore, now, logger) : undefined;
  const telemetry = new Telemetry(
    tracer,
    fanOutMetrics([options.metrics, operationsStats].filter((m) => m !== undefined) as Metrics[]),
  );
  const ownEphemeral = ownStore.shared || ownStore instanceof MemoryStore ? ownStore : new MemoryStore(now);
  // Traced, each store call is a span; untraced, the stores are used as they are (no wrapper to pay
  // for). This process's own memory (the ephemeral part beside LevelDB) is not a store call: a span
  // would cost more than the call.
  const store = tracer ? tracedStore(ownStore, tracer) : ownStore;
  const ephemeral = ownEphemeral === ownStore ? store : ownEphemeral;
  const providers = buildProviders(config);
  const callContext = () =>
    createCallContext({
      timeoutMs: config.providerTimeoutMs,
      now,
      logger,
      ...(options.providerFetch ? { fetch: options.providerFetch } : {}),
      ...(options.providerTransport ? { transport: options.providerTransport } : {}),
    });
  const tokens = new TokenService(config, now);
  const outbox = new WebhookOutbox({
    store,
    tokens,
    config,
    now,
    logger,
    telemetry,
    pollStore: ownStore,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const fingerprints = new Fingerprinter(config.fingerprintSecret);
  const deps: Deps = {
    config,
    store,
    ephemeral,
    tokens,
    outbox,
    fingerprints,
    ipFingerprint: ipFingerprints(fingerprints),
    providers,
    router: new ProviderRouter({
      providers,
      routing: config.routing,
      providerQps: config.limits.providerQps,
      store: ephemeral,
      callContext,
      timeoutMs: config.providerTimeoutMs,
      now,
      logger,
      telemetry,
    }),
    idempotency: new IdempotencyKeys(store, now),
    orders: new OrderRepository(store, now),
    verifications: new VerificationRepository(store, now),
    clientIp: clientIpOf(config, options.clientIp),
    logger,
    now,
    callContext,
    telemetry,
  };
  // The gauges read the stores themselves, so a scrape makes no spans.
  telemetry.metrics?.observe({
    providers: [...providers.keys()],
    circuitOpen: async (provider) => (await ownEphemeral.get(`breaker:open:${provider}`)) !== undefined,
    webhookBacklog: () => webhookBacklog(ownStore),
  });

  const app = new Hono();
  // First, so the request's span holds everything else.
  // (Requests are not on the operations page: without traces or Prometheus, no per-request work.)
  if (tracer || options.metrics) app.use('*', requestTelemetry(telemetry));
  app.use('*', answerHeaders(SECURITY_HEADERS), requestLog(logger, now));
  // Hono's `/x/*` also matches `/x`: one registration per prefix, or a request counts twice.
  const widgetPaths = ['/v1/verifications', '/v1/bind-cards/*', '/v1/bins/*', '/v1/banks'];
  for (const path of widgetPaths) app.use(path, widgetCors(config));
  const limitByIp = ipLimit(deps, 'ip', config.limits.ipPerMinute);
  for (const path of [...widgetPaths, '/r/*']) app.use(path, limitByIp);
  // Notifications: anyone can post them and each costs RSA work, so the cheap refusals come
  // first: per-IP limit, this instance's budget, a small body cap. Registered per provider that
  // takes them, so a made-up provider is a plain 404 that spends no budget.
  for (const [id, provider] of providers) {
    if (!provider.parseNotification) continue;
    app.use(
      `/v1/notify/${id}`,
      ipLimit(deps, 'notify-ip', config.limits.notifyIpPerMinute),
      notifyBudget(config.limits.notificationsPerSecond, now),
      bodyCap(MAX_NOTIFY_BYTES),
    );
  }
  app.use('*', bodyCap(MAX_BODY_BYTES));

  app.onError((error, c) => {
    const apiError =
      error instanceof ApiError
        ? error
        : new ApiError(error instanceof StoreUnavailableError ? 'STORE_UNAVAILABLE' : 'INTERNAL');
    if (!(error instanceof ApiError)) logger.error('unhandled', { name: notPii(error.name) });
    if (apiError.retryAfter !== undefined) setAnswerHeader(c, 'retry-after', String(apiError.retryAfter));
    return json(c, apiError.body(), apiError.status);
  });
  app.notFound((c) => json(c, new ApiError('NOT_FOUND').body(), 404));

  healthRoutes(app, deps);
  sessionRoutes(app, deps);
  verificationRoutes(app, deps);
  binRoutes(app, deps);
  bindCardRoutes(app, deps);
  webhookEventRoutes(app, deps);
  widgetRoutes(app, deps);
  if (options.metrics) metricsRoutes(app, deps, options.metrics);
  if (operationsStats) operationsRoutes(app, deps, operationsStats);
  app.get('/openapi.json', (c) => json(c, openApiDocument(config.publicUrl)));
  return { app, outbox, store: ownStore, config, flush: async () => operationsStats?.flush() };
}
