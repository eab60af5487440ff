import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config/schema.js';
import { ApiError } from '../errors.js';
import { setAnswerHeader } from './answer-headers.js';

/**
 * CORS for the widget routes: only origins some merchant allows get an
 * answer; each request is then held to its token's own origin by requireWidget.
 */
export function widgetCors(config: Config): MiddlewareHandler {
  const allowed = new Set(config.merchants.flatMap((m) => m.allowedOrigins.map((o) => new URL(o).origin)));
  return async (c, next) => {
    const origin = c.req.header('origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (c.req.method === 'OPTIONS') {
      if (!ok) throw new ApiError('ORIGIN_NOT_ALLOWED');
      return c.body(null, 204, {
        'access-control-allow-origin': origin,
        'access-control-allow-methods': 'GET, POST',
        'access-control-allow-headers': 'authorization, content-type, idempotency-key',
        'access-control-max-age': '600',
        vary: 'Origin',
      });
    }
    // Before next(), so refusals carry them too (the page can then read the error).
    if (ok) {
      setAnswerHeader(c, 'access-control-allow-origin', origin);
      setAnswerHeader(c, 'vary', 'Origin');
    }
    await next();
    return undefined;
  };
}
