import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config/schema.js';
import type { Deps } from '../deps.js';
import type { Guard } from '../http/route.js';
import { consume } from '../records/limits.js';
import { limitNames } from '../store/keys.js';
import { bearerKind, bearerMerchant, failedKey } from './auth.js';

export type ClientIp = (c: Context) => string | undefined;

/**
 * The client's IP: the configured proxy header's first hop, or the runtime's
 * socket address. Undefined when the runtime cannot tell (no IP limits then).
 */
export function clientIpOf(config: Config, socketIp: ClientIp | undefined): ClientIp {
  const header = config.clientIpHeader;
  return header ? (c) => c.req.header(header)?.split(',')[0]?.trim() || undefined : (c) => socketIp?.(c);
}

/** Browser requests per client IP per minute (`limits.ipPerMinute`): the widget's routes and the bank redirect. */
export const browserIpLimit: Guard = {
  // AUTH_RATE_LIMITED: a bearer that is neither a widget token nor a valid key, from an IP over its failures.
  refusals: ['RATE_LIMITED', 'AUTH_RATE_LIMITED'],
  create: (deps) => ipLimit(deps, 'ip', deps.config.limits.ipPerMinute),
};

/** Provider notifications per client IP per minute (`limits.notifyIpPerMinute`). */
export const notifyIpLimit: Guard = {
  refusals: ['RATE_LIMITED', 'AUTH_RATE_LIMITED'],
  create: (deps) => ipLimit(deps, 'notify-ip', deps.config.limits.notifyIpPerMinute),
};

/**
 * Requests per client IP per window, counted under `bucket`; the IP is stored
 * only as a keyed fingerprint. Requests that carry a valid merchant API key are
 * skipped: server-to-server calls have their own limit per merchant. Any other
 * bearer that is not a widget token counts like none, and as a failed key.
 */
function ipLimit(deps: Deps, bucket: string, perMinute: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    if (bearerKind(c) === 'api-key') {
      if (await bearerMerchant(c, deps)) return next();
      await failedKey(c, deps);
    }
    const ip = deps.clientIp(c);
    if (ip) {
      const name = limitNames.ip(bucket, deps.ipFingerprint(ip));
      await consume(deps.ephemeral, { name, max: perMinute, windowMs: 60_000, code: 'RATE_LIMITED' }, deps.now());
    }
    await next();
  };
}
