import type { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { requireOperator } from '../middleware/auth.js';
import type { ScrapableMetrics } from '../telemetry/metrics.js';

/** GET /metrics: the Prometheus text, for the operator key only (it tells traffic and spend). */
export function metricsRoutes(app: Hono, deps: Deps, metrics: ScrapableMetrics): void {
  app.get('/metrics', async (c) => {
    await requireOperator(c, deps);
    return c.body(await metrics.scrape(), 200, { 'content-type': metrics.contentType, 'cache-control': 'no-store' });
  });
}
