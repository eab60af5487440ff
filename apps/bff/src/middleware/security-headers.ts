import type { MiddlewareHandler } from 'hono';

/**
 * On every answer: browsers must not sniff a JSON error or the ticket page
 * into something else. Routes that serve HTML add their own CSP.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.header('x-content-type-options', 'nosniff');
  };
}
