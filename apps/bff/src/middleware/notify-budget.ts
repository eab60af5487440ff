import type { MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';
import { LocalBudget } from '../services/budget.js';

/**
 * At most `perSecond` notifications reach decryption on this instance, from
 * whoever: a flood of forged ones costs the flood's sender a 503, not the
 * cardholders' verifications their CPU. Providers retry a notification that
 * is not acknowledged, so a real one refused here arrives again.
 */
export function notifyBudget(perSecond: number, now: () => number): MiddlewareHandler {
  const budget = new LocalBudget(perSecond, now);
  return async (_c, next) => {
    if (!budget.take()) throw new ApiError('NOTIFY_BUSY', { retryAfter: 1 });
    await next();
  };
}
