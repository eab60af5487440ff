import type { MiddlewareHandler } from 'hono';

/**
 * On every answer: browsers must not sniff a JSON error or the ticket page
 * into something else. Routes that serve HTML add their own CSP.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Set before the answer exists: every c.json/c.body/c.html answer (errors included) takes it,
    // where a header set afterwards would make Hono copy the whole response.
    c.header('x-content-type-options', 'nosniff');
    await next();
  };
}
