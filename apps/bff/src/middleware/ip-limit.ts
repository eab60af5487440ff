import type { Context, MiddlewareHandler } from 'hono';
import type { Config } from '../config/schema.js';
import type { Deps } from '../deps.js';
import { consume } from '../services/limits.js';
import { bearerKind } from './auth.js';

export type ClientIp = (c: Context) => string | undefined;

/**
 * The client's IP: the configured proxy header's first hop, or the runtime's
 * socket address. Undefined when the runtime cannot tell (no IP limits then).
 */
export function clientIpOf(config: Config, socketIp: ClientIp | undefined): ClientIp {
  const header = config.clientIpHeader;
  return header ? (c) => c.req.header(header)?.split(',')[0]?.trim() || undefined : (c) => socketIp?.(c);
}

/**
 * Requests per client IP per window, counted under `bucket`; the IP is stored
 * only as a keyed fingerprint. Requests that carry a merchant API key are
 * skipped: server-to-server calls have their own limit per merchant, and a
 * wrong key is throttled per IP as a failed authentication.
 */
export function ipLimit(deps: Deps, bucket: string, perMinute: number): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS' || bearerKind(c) === 'api-key') return next();
    const ip = deps.clientIp(c);
    if (ip) {
      await consume(
        deps.ephemeral,
        `${bucket}:${deps.ipFingerprint(ip)}`,
        perMinute,
        60_000,
        'RATE_LIMITED',
        deps.now(),
      );
    }
    await next();
  };
}
