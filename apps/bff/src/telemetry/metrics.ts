import type { Charged } from '@cardbind/core/outcome';

/** What a provider call was for. */
export type ProviderAction = 'verify' | 'create_bind' | 'query_bind' | 'notification';

/** One provider call, as metrics see it: names and codes only, never what was sent. */
export interface ProviderCallRecord {
  provider: string;
  action: ProviderAction;
  /** The outcome's status (`verified`, `mismatch`, `unavailable`…) or, for binds and notifications, the result. */
  outcome: string;
  charged: Charged;
  seconds: number;
}

/** Why the router passed a provider by. */
export type SkipReason = 'circuit_open' | 'qps_cap';

/** Read when the metrics are scraped: state kept in the store, not counted as it happens. */
export interface GaugeSources {
  providers: string[];
  circuitOpen(provider: string): Promise<boolean>;
  /** Webhook events waiting for a delivery attempt. */
  webhookBacklog(): Promise<number>;
}

/**
 * What the app reports as it runs. The app knows nothing of the format: the
 * Node entry's Prometheus registry implements this (telemetry/prometheus.ts).
 */
export interface Metrics {
  request(method: string, route: string, status: number, seconds: number): void;
  providerCall(call: ProviderCallRecord): void;
  providerSkipped(provider: string, reason: SkipReason): void;
  /** The provider answered `unavailable` with nothing charged, and the router tried the next one. */
  failover(provider: string): void;
  /** A call waited for a free slot under the provider's QPS cap. */
  pacingWait(provider: string, seconds: number): void;
  webhookAttempt(result: 'delivered' | 'failed'): void;
  /** An event gave up after its last attempt. */
  webhookDead(): void;
  /** Called once, when the app is built, with what the gauges read at scrape time. */
  observe(sources: GaugeSources): void;
}

/** Metrics that can also be read: what `GET /metrics` answers. */
export interface ScrapableMetrics extends Metrics {
  readonly contentType: string;
  scrape(): Promise<string>;
}
