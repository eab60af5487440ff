import type { LogFields, Logger } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import type { Context, MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { setAnswerHeader } from '../http/answers.js';

/** The route's pattern, also when a middleware answered first (a body cap, a limit). */
export function routeOf(c: Context): string {
  return matchedRoutes(c).findLast((r) => r.method !== 'ALL')?.path ?? c.req.routePath;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** What a route adds to its request's log line (provider, outcome…): masked values only. */
    logFields: LogFields;
  }
}

/**
 * One JSON line per request: request id (also sent as `x-request-id`),
 * route, status, latency, and what the route added. Bodies are never
 * logged; the path may hold an order number or a ticket, never PII.
 */
export function requestLog(logger: Logger, now: () => number): MiddlewareHandler {
  return async (c, next) => {
    const started = now();
    const requestId = crypto.randomUUID();
    setAnswerHeader(c, 'x-request-id', requestId);
    await next();
    const status = c.res.status;
    logger[status >= 500 ? 'error' : 'info']('request', {
      id: notPii(requestId),
      method: notPii(c.req.method),
      route: notPii(routeOf(c)),
      status,
      ms: now() - started,
      ...c.get('logFields'),
    });
  };
}
