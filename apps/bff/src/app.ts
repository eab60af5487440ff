import type { Hono } from 'hono';
import { type AppOptions, assembleCardbind, type Cardbind } from './cardbind.js';
import { bundledFiles } from './files/bundled.js';
import { mountedRoutes } from './http/mount.js';
import { openApiDocument as documentOf } from './http/openapi.js';
import { ROUTES } from './routes/index.js';

export type { AppOptions, Cardbind } from './cardbind.js';
export { INSTRUMENTATION_SCOPE } from './compose.js';
export { configFromEnv } from './config/env.js';
export type { Config, ConfigInput } from './config/schema.js';
export { ConfigError, parseConfig } from './config/schema.js';
export type { AnswerReport } from './http/answer-check.js';
export { MemoryStore, type MemoryStoreOptions } from './store/memory.js';
export type { Store } from './store/types.js';
export { StoreUnavailableError } from './store/types.js';
export type { GaugeSources, Metrics, ProviderCallRecord, ScrapableMetrics } from './telemetry/metrics.js';
export type { EventRecord, EventType, WebhookEvent } from './webhooks/events.js';
export { WEBHOOK_JWS_TYPE } from './webhooks/events.js';

/** The OpenAPI 3.1 document of every route the BFF can mount (all features on). */
export function openApiDocument(serverUrl: string) {
  return documentOf(mountedRoutes(ROUTES, { metrics: true, operations: true }), serverUrl);
}

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
  return assembleCardbind(input, options, options.files ?? bundledFiles);
}
