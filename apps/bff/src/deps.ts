import type { Fingerprinter, Masked } from '@cardbind/core/pii';
import type { Logger, OwnedCallContext, Provider } from '@cardbind/core/provider';
import type { Context } from 'hono';
import type { TokenService } from './auth/tokens.js';
import type { Config } from './config/schema.js';
import type { IdempotencyKeys } from './services/idempotency.js';
import type { OrderRepository } from './services/orders.js';
import type { ProviderRouter } from './services/router.js';
import type { VerificationRepository } from './services/verifications.js';
import type { WebhookOutbox } from './services/webhooks.js';
import type { Store } from './store/types.js';
import type { Telemetry } from './telemetry/telemetry.js';

/** What the routes share: built once by createApp. */
export interface Deps {
  config: Config;
  store: Store;
  /**
   * Where short-lived state no other instance needs to see is kept: the store
   * itself when it is shared, otherwise this process's memory (per-minute
   * limits, failed API keys, QPS pacing, the circuit breaker).
   */
  ephemeral: Store;
  /** Idempotency keys: claimed durably in `store` before a provider is called. */
  idempotency: IdempotencyKeys;
  tokens: TokenService;
  outbox: WebhookOutbox;
  fingerprints: Fingerprinter;
  /** A client IP's fingerprint (remembered for recent IPs), for per-IP limits. */
  ipFingerprint: (ip: string) => Masked;
  providers: Map<string, Provider>;
  router: ProviderRouter;
  orders: OrderRepository;
  verifications: VerificationRepository;
  /** The client's IP (proxy header or socket), for per-IP limits; undefined when unknown. */
  clientIp: (c: Context) => string | undefined;
  logger: Logger;
  now: () => number;
  /** A fresh context for one provider call: the configured deadline, clock, logger and fetch. */
  callContext: () => OwnedCallContext;
  /** Spans and metrics, each on when configured; provider calls go through `telemetry.providerCall`. */
  telemetry: Telemetry;
}
