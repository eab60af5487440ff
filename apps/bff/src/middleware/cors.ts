import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config/schema.js';
import { setAnswerHeader } from '../http/answers.js';
import type { Guard } from '../http/route.js';
import { Refusal } from '../refusals.js';

/**
 * CORS for the widget's routes: only origins some merchant allows get an answer (a preflight's
 * 204, and the allow-origin header on the answer); each request is then held to its token's own
 * origin by the widget-token auth.
 */
export const widgetCors: Guard = {
  refusals: ['ORIGIN_NOT_ALLOWED'],
  preflight: true,
  create: (deps) => corsMiddleware(deps.config),
};

function corsMiddleware(config: Config): MiddlewareHandler {
  const allowed = new Set(config.merchants.flatMap((m) => m.allowedOrigins.map((o) => new URL(o).origin)));
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS') {
      if (!ok) throw new Refusal('ORIGIN_NOT_ALLOWED');
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    // Before next(), so refusals carry them too (the page can then read the error). Vary: Origin
    // whatever the request carried: the frame's same-origin lookup sends none, and a browser cache
    // would otherwise answer the page's CORS request for the same URL with the frame's copy, which
    // has no allow-origin header (a CORS error in the page).
    setAnswerHeader(c, 'vary', 'Origin');
    if (ok) setAnswerHeader(c, 'access-control-allow-origin', origin);
    await next();
    return undefined;
  };
}
