import { type Binder, canServe, createCallContext, type Logger } from '@cardbind/core/contract';
import { Fingerprinter } from '@cardbind/core/pii';
import { trace } from '@opentelemetry/api';
import { TokenService } from './auth/tokens.js';
import type { AppOptions } from './cardbind.js';
import { type Config, DEFAULT_PROVIDER_QPS } from './config/schema.js';
import type { Deps } from './deps.js';
import type { BuiltFiles } from './files/built-files.js';
import { CompressedFiles, webGzip } from './http/compression.js';
import { jsonLogger } from './logger.js';
import { ipFingerprints } from './middleware/ip-fingerprints.js';
import { clientIpOf } from './middleware/ip-limit.js';
import { OperationsStats } from './operations/stats.js';
import { CircuitBreaker } from './providers/breaker.js';
import { ProviderCalls } from './providers/calls.js';
import { buildProviders } from './providers/registry.js';
import { HostedLinks } from './records/hosted-links.js';
import { IdempotencyKeys } from './records/idempotency.js';
import { OrderRepository } from './records/orders.js';
import { Tickets } from './records/tickets.js';
import { VerificationRepository } from './records/verifications.js';
import { MemoryStore } from './store/memory.js';
import type { Store } from './store/types.js';
import { fanOutMetrics } from './telemetry/fan-out.js';
import type { Metrics } from './telemetry/metrics.js';
import { Telemetry } from './telemetry/telemetry.js';
import { tracedStore } from './telemetry/traced-store.js';
import { WebhookOutbox, webhookBacklog } from './webhooks/outbox.js';

/** The OpenTelemetry instrumentation scope of the BFF's spans. */
export const INSTRUMENTATION_SCOPE = '@cardbind/bff';

/**
 * Builds everything the routes and use cases share from a validated configuration: the stores
 * (traced when tracing), the providers and the one way to call them, the records, the outbox.
 * `ownStore` is the store as given (what the outbox polls and the gauges read: no spans).
 */
export function compose(
  config: Config,
  options: AppOptions,
  files: BuiltFiles,
): { deps: Deps; ownStore: Store; tracing: boolean } {
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
  const binders = new Map<string, Binder>();
  for (const [id, provider] of providers) if (canServe(provider, 'bindCard')) binders.set(id, provider);
  const tokens = new TokenService(config, now);
  const fingerprints = new Fingerprinter(config.fingerprintSecret);
  const calls = new ProviderCalls({
    providers,
    routing: config.routing,
    providerQps: { ...DEFAULT_PROVIDER_QPS, ...config.limits.providerQps },
    store: ephemeral,
    breaker: new CircuitBreaker(ephemeral, logger),
    callContext: () =>
      createCallContext({
        timeoutMs: config.providerTimeoutMs,
        now,
        logger,
        ...(options.providerFetch ? { fetch: options.providerFetch } : {}),
        ...(options.providerTransport ? { transport: options.providerTransport } : {}),
      }),
    timeoutMs: config.providerTimeoutMs,
    now,
    logger,
    telemetry,
  });
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
  // The gauges read the stores themselves, so a scrape makes no spans.
  const gaugeBreaker = new CircuitBreaker(ownEphemeral, logger);
  telemetry.metrics?.observe({
    providers: [...providers.keys()],
    circuitOpen: (provider) => gaugeBreaker.isOpen(provider),
    webhookBacklog: () => webhookBacklog(ownStore),
  });
  const deps: Deps = {
    config,
    store,
    ephemeral,
    tokens,
    outbox,
    fingerprints,
    ipFingerprint: ipFingerprints(fingerprints),
    providers,
    binders,
    calls,
    idempotency: new IdempotencyKeys(store, now),
    orders: new OrderRepository(store, now),
    verifications: new VerificationRepository(store, now),
    tickets: new Tickets(store),
    hostedLinks: new HostedLinks(store),
    clientIp: clientIpOf(config, options.clientIp),
    notifications: { shedAt: 0 },
    logger,
    now,
    telemetry,
    operationsStats,
    scrapable: options.metrics,
    files: new CompressedFiles({ gzip: webGzip, ...options.encoders }),
    built: files,
    openApiDocument: async () => undefined,
  };
  return { deps, ownStore, tracing: tracer !== undefined };
}
