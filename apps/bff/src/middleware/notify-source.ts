import { ipRange } from '../http/ip-range.js';
import type { Guard } from '../http/route.js';
import { Refusal } from '../refusals.js';

/**
 * `notifyFrom`: a provider's notifications only from its own addresses. Checked before the per-IP
 * count, the budget and any crypto, so a flood from elsewhere costs a comparison, and the
 * provider's notifications never wait behind it.
 */
export const notifySource: Guard = {
  refusals: ['NOTIFY_SOURCE_NOT_ALLOWED'],
  create(deps) {
    const ranges = new Map(
      Object.entries(deps.config.notifyFrom).map(([provider, list]) => [
        provider,
        list.flatMap((range) => ipRange(range) ?? []),
      ]),
    );
    return async (c, next) => {
      const allowed = ranges.get(c.req.param('provider') ?? '');
      if (allowed) {
        const ip = deps.clientIp(c);
        if (!ip || !allowed.some((inRange) => inRange(ip))) throw new Refusal('NOTIFY_SOURCE_NOT_ALLOWED');
      }
      await next();
    };
  },
};
