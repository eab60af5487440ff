import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config/schema.js';
import type { Deps } from '../deps.js';
import type { Guard } from '../http/route.js';
import { consume } from '../records/limits.js';
import { limitNames } from '../store/keys.js';
import { bearerKind, bearerMerchant, failedKey } from './auth.js';

declare module 'hono' {
  interface ContextVariableMap {
    /**
     * The guards' counts for this request: sent at the first call (once), answered by the promise
     * it returns (a refusal when one is over). The route's mount calls it; see `overlapsGuards`.
     */
    admission: (() => Promise<void>) | undefined;
  }
}

/** Adds a count the request must pass to those its route's mount sends and awaits. */
function admit(c: Context, count: () => Promise<void>): void {
  const before = c.get('admission');
  let sent: Promise<void> | undefined;
  c.set('admission', () => {
    if (!sent) {
      sent = Promise.all([before?.(), count()]).then(() => undefined);
      sent.catch(() => undefined); // awaited by the mount; never an unhandled rejection meanwhile
    }
    return sent;
  });
}

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
  create: (deps, route) => ipLimit(deps, 'ip', deps.config.limits.ipPerMinute, route.overlapsGuards === true),
};

/** Provider notifications per client IP per minute (`limits.notifyIpPerMinute`). */
export const notifyIpLimit: Guard = {
  refusals: ['RATE_LIMITED', 'AUTH_RATE_LIMITED'],
  create: (deps, route) =>
    ipLimit(deps, 'notify-ip', deps.config.limits.notifyIpPerMinute, route.overlapsGuards === true),
};

/**
 * Requests per client IP per window, counted under `bucket` (`late`: see `admit`); the IP is stored
 * only as a keyed fingerprint. Requests that carry a valid merchant API key are
 * skipped: server-to-server calls have their own limit per merchant. Any other
 * bearer that is not a widget token counts like none, and as a failed key.
 */
function ipLimit(deps: Deps, bucket: string, perMinute: number, late: boolean): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next();
    if (bearerKind(c) === 'api-key') {
      if (await bearerMerchant(c, deps)) return next();
      await failedKey(c, deps);
    }
    const ip = deps.clientIp(c);
    if (ip) {
      const name = limitNames.ip(bucket, deps.ipFingerprint(ip));
      const limit = { name, max: perMinute, windowMs: 60_000, code: 'RATE_LIMITED' } as const;
      const count = () => consume(deps.ephemeral, limit, deps.now());
      // Counted here, before anything after it runs; or, on a route that takes it on
      // (`overlapsGuards`: no guard after this one), beside the handler's first store write.
      if (late) admit(c, count);
      else await count();
    }
    await next();
  };
}
