/**
 * The Prometheus text endpoint's registry (Node; prom-client): implements the
 * app's `Metrics` and renders them for `GET /metrics`. Labels are route
 * patterns, provider ids, outcome names and `charged`: bounded sets, no PII.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { GaugeSources, ProviderCallRecord, ScrapableMetrics, SkipReason } from './metrics.js';

/** Seconds: loopback-fast to a provider's 8 s deadline. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface PrometheusOptions {
  /** Also export the process's CPU, memory, event-loop lag and GC (prom-client's defaults). Default true. */
  processMetrics?: boolean;
}

export function prometheusMetrics(options: PrometheusOptions = {}): ScrapableMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const requests = new Counter({
    name: 'cardbind_http_requests_total',
    help: 'Requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers,
  });
  const requestSeconds = new Histogram({
    name: 'cardbind_http_request_duration_seconds',
    help: 'Time to answer a request, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const providerCalls = new Counter({
    name: 'cardbind_provider_calls_total',
    help: 'Provider calls by provider, action, outcome and whether the provider charged for it (true, false, unknown).',
    labelNames: ['provider', 'action', 'outcome', 'charged'] as const,
    registers,
  });
  const providerSeconds = new Histogram({
    name: 'cardbind_provider_call_duration_seconds',
    help: 'Provider call latency, by provider and action.',
    labelNames: ['provider', 'action'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const skipped = new Counter({
    name: 'cardbind_provider_skipped_total',
    help: 'Providers the router passed by: circuit open, or over the QPS cap.',
    labelNames: ['provider', 'reason'] as const,
    registers,
  });
  const failovers = new Counter({
    name: 'cardbind_provider_failovers_total',
    help: 'Calls that went on to the next provider after this one answered unavailable, nothing charged.',
    labelNames: ['provider'] as const,
    registers,
  });
  const pacingWaits = new Histogram({
    name: 'cardbind_provider_pacing_wait_seconds',
    help: 'Waits for a free slot under a provider QPS cap.',
    labelNames: ['provider'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.2],
    registers,
  });
  const webhookAttempts = new Counter({
    name: 'cardbind_webhook_attempts_total',
    help: 'Webhook delivery attempts by result.',
    labelNames: ['result'] as const,
    registers,
  });
  const webhookDead = new Counter({
    name: 'cardbind_webhook_dead_total',
    help: 'Webhook events that gave up after their last attempt.',
    registers,
  });
  let sources: GaugeSources | undefined;
  new Gauge({
    name: 'cardbind_provider_circuit_open',
    help: '1 while the provider circuit is open (calls skip it), else 0.',
    labelNames: ['provider'] as const,
    registers,
    async collect() {
      if (!sources) return;
      const open = await Promise.all(sources.providers.map((p) => sources?.circuitOpen(p)));
      sources.providers.forEach((provider, i) => {
        this.set({ provider }, open[i] ? 1 : 0);
      });
    },
  });
  new Gauge({
    name: 'cardbind_webhook_backlog',
    help: 'Webhook events waiting for a delivery attempt.',
    registers,
    async collect() {
      if (sources) this.set(await sources.webhookBacklog());
    },
  });

  return {
    contentType: registry.contentType,
    scrape: () => registry.metrics(),
    observe(s) {
      sources = s;
    },
    request(method, route, status, seconds) {
      requests.inc({ method, route, status: String(status) });
      requestSeconds.observe({ method, route }, seconds);
    },
    providerCall({ provider, action, outcome, charged, seconds }: ProviderCallRecord) {
      providerCalls.inc({ provider, action, outcome, charged: String(charged) });
      providerSeconds.observe({ provider, action }, seconds);
    },
    providerSkipped(provider: string, reason: SkipReason) {
      skipped.inc({ provider, reason });
    },
    failover(provider) {
      failovers.inc({ provider });
    },
    pacingWait(provider, seconds) {
      pacingWaits.observe({ provider }, seconds);
    },
    webhookAttempt(result) {
      webhookAttempts.inc({ result });
    },
    webhookDead() {
      webhookDead.inc();
    },
  };
}
