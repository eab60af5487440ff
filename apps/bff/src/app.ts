import { Fingerprinter, notPii } from '@cardbind/core/pii';
import type { Logger } from '@cardbind/core/provider';
import { Hono } from 'hono';
import { TokenService } from './auth/tokens.js';
import { parseConfig } from './config/schema.js';
import type { Deps } from './deps.js';
import { ApiError } from './errors.js';
import { jsonLogger } from './logger.js';
import { widgetCors } from './middleware/cors.js';
import { bindCardRoutes } from './routes/bind-cards.js';
import { binRoutes } from './routes/bins.js';
import { sessionRoutes } from './routes/sessions.js';
import { verificationRoutes } from './routes/verifications.js';
import { OrderRepository } from './services/orders.js';
import { buildProviders } from './services/providers.js';
import { ProviderRouter } from './services/router.js';
import { MemoryStore } from './store/memory.js';
import type { Store } from './store/types.js';

export interface AppOptions {
  /** Defaults to an in-memory store (tests, one short-lived instance). */
  store?: Store;
  now?: () => number;
  /** Where JSON log lines go; defaults to console.log. */
  log?: (line: string) => void;
}

export { configFromEnv } from './config/env.js';
export type { Config, ConfigInput } from './config/schema.js';
export { ConfigError, parseConfig } from './config/schema.js';
export { MemoryStore } from './store/memory.js';
export type { Store };

/**
 * The cardbind BFF as one Hono app on Web APIs: run it alone, or mount it in
 * your own Hono app (`app.route('/cardbind', createApp(config))`). The
 * configuration is validated here; a bad one throws `ConfigError` naming the
 * paths (never the values).
 */
export function createApp(input: unknown, options: AppOptions = {}): Hono {
  const config = parseConfig(input);
  const now = options.now ?? Date.now;
  const logger: Logger = jsonLogger(options.log ?? ((line) => console.log(line)), now);
  const store = options.store ?? new MemoryStore(now);
  const providers = buildProviders(config);
  const deps: Deps = {
    config,
    store,
    tokens: new TokenService(config, now),
    fingerprints: new Fingerprinter(config.fingerprintSecret),
    providers,
    router: new ProviderRouter({
      providers,
      routing: config.routing,
      providerQps: config.limits.providerQps,
      store,
      timeoutMs: config.providerTimeoutMs,
      now,
      logger,
    }),
    orders: new OrderRepository(store),
    logger,
    now,
  };

  const app = new Hono();
  app.use('*', async (c, next) => {
    const started = now();
    const requestId = crypto.randomUUID();
    c.header('x-request-id', requestId);
    await next();
    // The path may hold an order number or a ticket; never PII (bodies are not logged).
    logger.info('request', {
      id: notPii(requestId),
      method: notPii(c.req.method),
      route: notPii(c.req.routePath),
      status: c.res.status,
      ms: now() - started,
    });
  });
  app.use('/v1/verifications', widgetCors(config));
  app.use('/v1/bind-cards', widgetCors(config));
  app.use('/v1/bind-cards/*', widgetCors(config));
  app.use('/v1/bins/*', widgetCors(config));

  app.onError((error, c) => {
    const apiError = error instanceof ApiError ? error : new ApiError('INTERNAL');
    if (!(error instanceof ApiError)) logger.error('unhandled', { name: notPii(error.name) });
    if (apiError.retryAfter !== undefined) c.header('retry-after', String(apiError.retryAfter));
    return c.json(apiError.body(), apiError.status);
  });
  app.notFound((c) => c.json(new ApiError('NOT_FOUND').body(), 404));

  sessionRoutes(app, deps);
  verificationRoutes(app, deps);
  binRoutes(app, deps);
  bindCardRoutes(app, deps);
  return app;
}
