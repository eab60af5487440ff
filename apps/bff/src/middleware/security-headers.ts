import type { MiddlewareHandler } from 'hono';
import { setAnswerHeader } from './answer-headers.js';

/**
 * On every answer: browsers must not sniff a JSON error or the ticket page
 * into something else. Routes that serve HTML add their own CSP.
 */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Set before the answer exists, so every answer (errors included) takes it.
    setAnswerHeader(c, 'x-content-type-options', 'nosniff');
    await next();
  };
}
