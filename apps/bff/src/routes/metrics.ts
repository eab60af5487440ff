import { route } from '../http/route.js';
import { operatorKey } from '../middleware/auth.js';
import { Refusal } from '../refusals.js';

/** `GET /metrics`: the Prometheus text, for the operator key only (it tells traffic and spend). */
export const metrics = route({
  method: 'get',
  path: '/metrics',
  summary: 'Prometheus metrics (the text exposition format), for the operator key.',
  when: (features) => features.metrics,
  auth: operatorKey,
  answers: { 200: { contentType: 'text/plain', description: 'The metrics.' } },
})(async ({ c, deps }) => {
  const scrapable = deps.scrapable;
  if (!scrapable) throw new Refusal('NOT_FOUND');
  const text = await scrapable.scrape();
  const headers = { 'content-type': scrapable.contentType, 'cache-control': 'no-store' };
  return { response: c.body(text, 200, headers) };
});

export const metricsRoutes = [metrics];
