/**
 * Every key and queue the BFF keeps in its store, in one place: each is spelled here and only
 * here, and each has one owner (named beside it) that reads and writes it. These names are on
 * disk and in Redis: changing one is a data migration.
 */
export const keys = {
  /** An Idempotency-Key's claim, then its answer (use-cases/verify-card). */
  idempotency: (merchant: string, key: string) => `idem:${merchant}:${key}`,
  /** A widget token's one bind order: its claim, then its answer (use-cases/create-bind-order). */
  bindToken: (jti: string) => `token-used:bind:${jti}`,
  /** A bind order (records/orders). */
  order: (orderNo: string) => `order:${orderNo}`,
  /** A verification's record (records/verifications). */
  verification: (id: string) => `verification:${id}`,
  /** A one-time redirect to the bank's form, and what its spending left (records/tickets). */
  ticket: (ticket: string) => `ticket:${ticket}`,
  spentTicket: (ticket: string) => `ticket-spent:${ticket}`,
  /** A hosted page's link, and the browser that opened it first (records/hosted-links). */
  hostedLink: (id: string) => `hosted:${id}`,
  hostedClaim: (id: string) => `hosted-claim:${id}`,
  /** A result came through the link (its expiry webhook is then not sent). */
  hostedFinished: (id: string) => `hosted-finished:${id}`,
  /** A verified answer kept for `resultCacheSeconds` (use-cases/verify-card). */
  resultCache: (merchant: string, requestFingerprint: string) => `result-cache:${merchant}:${requestFingerprint}`,
  /** A webhook event's record, and the lease of the worker delivering it (webhooks/outbox). */
  event: (id: string) => `event:${id}`,
  eventLease: (id: string) => `event-lease:${id}`,
  /** A provider's circuit breaker: consecutive failures, and the circuit held open (providers/breaker). */
  breakerFailures: (provider: string) => `breaker:failures:${provider}`,
  breakerOpen: (provider: string) => `breaker:open:${provider}`,
  /** A provider's QPS pacing slot (providers/pacing). */
  qpsSlot: (provider: string, slot: number) => `qps:${provider}:${slot}`,
  /** A limit's count in one window (records/limits); the names are `limitNames`. */
  limit: (name: string, window: number) => `limit:${name}:${window}`,
  /** One instance's operations counts for a day (operations/stats). */
  operationsDay: (member: string) => `operations-stats:${member}`,
  /** A key nobody writes: the readiness probe reads it (routes/health). */
  readinessProbe: 'readyz:probe',
} as const;

/** What each limit counts (records/limits keeps the counts under `keys.limit`). */
export const limitNames = {
  session: (jti: string) => `session:${jti}`,
  card: (cardFingerprint: string) => `card:${cardFingerprint}`,
  id: (idFingerprint: string) => `id:${idFingerprint}`,
  merchant: (merchant: string) => `merchant:${merchant}`,
  ip: (bucket: string, ipFingerprint: string) => `${bucket}:${ipFingerprint}`,
  failedAuth: (ipFingerprint: string) => `auth-failures:${ipFingerprint}`,
} as const;

/** The store's time-ordered queues. */
export const queues = {
  /** Events due for a delivery attempt (webhooks/outbox). */
  webhooks: 'webhooks',
  /** A merchant's events given up on, by when (webhooks/outbox). */
  deadWebhooks: (merchant: string) => `webhooks-dead:${merchant}`,
  /** A merchant's records by creation time (records/time-index). */
  verificationsByTime: (merchant: string) => `verifications-by-time:${merchant}`,
  bindOrdersByTime: (merchant: string) => `bind-orders-by-time:${merchant}`,
  /** The instances' operations counts by day (operations/stats). */
  operationsDays: 'operations-stats',
} as const;
