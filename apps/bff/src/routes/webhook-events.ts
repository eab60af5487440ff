import type { Hono } from 'hono';
import { runInBackground } from '../background.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json } from '../middleware/answer-headers.js';
import { requireMerchant } from '../middleware/auth.js';
import { eventView } from '../services/webhooks.js';

const EVENT_ID = /^evt_[A-Za-z0-9_]{1,120}$/;
/** Dead events listed and resent per call, at most. */
const DEAD_PAGE = 100;

/**
 * The merchant's view of its webhooks (API key): the events given up on, one event with its
 * attempts, and resending one or all dead ones. A resent event is delivered again from the start
 * (a fresh round of attempts), under the same id: receivers deduplicate on it.
 */
export function webhookEventRoutes(app: Hono, deps: Deps): void {
  const outbox = deps.outbox;

  app.get('/v1/webhook-events/dead', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const dead = await outbox.dead(merchant, DEAD_PAGE);
    return json(c, { events: dead.map(eventView) });
  });

  app.post('/v1/webhook-events/dead/resend', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const ids = (await outbox.resendDead(merchant, DEAD_PAGE)).map((record) => record.event.id);
    runInBackground(c, Promise.all(ids.map((id) => outbox.deliver(id))));
    return json(c, { resent: ids }, 202);
  });

  app.get('/v1/webhook-events/:eventId', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const id = c.req.param('eventId');
    const record = EVENT_ID.test(id) ? await outbox.record(id) : undefined;
    if (!record || record.event.merchant !== merchant) throw new ApiError('WEBHOOK_EVENT_NOT_FOUND');
    return json(c, eventView(record));
  });

  app.post('/v1/webhook-events/:eventId/resend', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const id = c.req.param('eventId');
    const resent = EVENT_ID.test(id) ? await outbox.resend(merchant, id) : undefined;
    if (resent === undefined) throw new ApiError('WEBHOOK_EVENT_NOT_FOUND');
    if (resent === 'pending') throw new ApiError('WEBHOOK_EVENT_PENDING');
    runInBackground(c, outbox.deliver(id));
    return json(c, eventView(resent), 202);
  });
}
