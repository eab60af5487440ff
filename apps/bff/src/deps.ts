import type { Binder, Logger, Provider } from '@cardbind/core/contract';
import type { Fingerprinter, Masked } from '@cardbind/core/pii';
import type { Context } from 'hono';
import type { TokenService } from './auth/tokens.js';
import type { Config } from './config/schema.js';
import type { BuiltFiles } from './files/built-files.js';
import type { CompressedFiles } from './http/compression.js';
import type { OperationsStats } from './operations/stats.js';
import type { ProviderCalls } from './providers/calls.js';
import type { HostedLinks } from './records/hosted-links.js';
import type { IdempotencyKeys } from './records/idempotency.js';
import type { OrderRepository } from './records/orders.js';
import type { Tickets } from './records/tickets.js';
import type { VerificationRepository } from './records/verifications.js';
import type { Store } from './store/types.js';
import type { ScrapableMetrics } from './telemetry/metrics.js';
import type { Telemetry } from './telemetry/telemetry.js';
import type { WebhookOutbox } from './webhooks/outbox.js';

/** What the routes and use cases share: built once by createApp (app.ts). */
export interface Deps {
  config: Config;
  store: Store;
  /**
   * Where short-lived state no other instance needs to see is kept: the store
   * itself when it is shared, otherwise this process's memory (per-minute
   * limits, failed API keys, QPS pacing, the circuit breaker).
   */
  ephemeral: Store;
  tokens: TokenService;
  outbox: WebhookOutbox;
  fingerprints: Fingerprinter;
  /** A client IP's fingerprint (remembered for recent IPs), for per-IP limits. */
  ipFingerprint: (ip: string) => Masked;
  providers: Map<string, Provider>;
  /** The configured providers that bind cards, by id (they take notifications). */
  binders: Map<string, Binder>;
  /** The one way to call a provider (breaker, pacing, telemetry, failover). */
  calls: ProviderCalls;
  /** Idempotency keys: claimed durably in `store` before a provider is called. */
  idempotency: IdempotencyKeys;
  orders: OrderRepository;
  verifications: VerificationRepository;
  tickets: Tickets;
  /** Hosted pages' links (use-cases/hosted-session). */
  hostedLinks: HostedLinks;
  /** The client's IP (proxy header or socket), for per-IP limits; undefined when unknown. */
  clientIp: (c: Context) => string | undefined;
  /** When this instance last refused a notification for want of budget (0: never): pending orders are then reconciled at once. */
  notifications: { shedAt: number };
  logger: Logger;
  now: () => number;
  telemetry: Telemetry;
  /** The operations page's counts, when the page is on. */
  operationsStats: OperationsStats | undefined;
  /** The BFF's own files, compressed once per encoding (gzip everywhere; brotli where the entry gives it). */
  files: CompressedFiles;
  /** Where those files (and the BIN data, the OpenAPI document) come from: this build, or static assets. */
  built: BuiltFiles;
  /** What `GET /metrics` serves, when the entry gave one. */
  scrapable: ScrapableMetrics | undefined;
  /** This app's OpenAPI document (made from the routes it mounted, once). */
  openApiDocument: () => Promise<unknown>;
}
