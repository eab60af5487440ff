import type { Context, MiddlewareHandler } from 'hono';
import type { Deps } from '../deps.js';
import { consume } from '../services/limits.js';

export type ClientIp = (c: Context) => string | undefined;

/**
 * Requests per client IP per minute on the browser-facing routes. The IP
 * comes from the configured proxy header (first hop) or the runtime's socket
 * address; it is stored only as a keyed fingerprint. Without an IP (a
 * runtime that cannot tell) the limit does not apply.
 */
export function ipLimit(deps: Deps, clientIp: ClientIp | undefined): MiddlewareHandler {
  const header = deps.config.clientIpHeader;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    const ip = header ? c.req.header(header)?.split(',')[0]?.trim() : clientIp?.(c);
    if (ip) {
      const fingerprint = await deps.fingerprints.fingerprint('ip', ip);
      await consume(
        deps.store,
        `ip:${fingerprint}`,
        deps.config.limits.ipPerMinute,
        60_000,
        'RATE_LIMITED',
        deps.now(),
      );
    }
    await next();
  };
}
