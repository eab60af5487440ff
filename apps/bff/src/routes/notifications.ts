import { type Guard, route } from '../http/route.js';
import { scopeOf } from '../http/scope.js';
import { anyone } from '../middleware/auth.js';
import { notifyBodyCap } from '../middleware/body-cap.js';
import { notifyIpLimit } from '../middleware/ip-limit.js';
import { notifyBudget } from '../middleware/notify-budget.js';
import { notifySource } from '../middleware/notify-source.js';
import { Refusal } from '../refusals.js';
import { pathParams } from '../schemas.js';
import { acceptNotification } from '../use-cases/accept-notification.js';

/** Only the providers that notify (binders): any other path is a plain 404 that spends no budget. */
const knownNotifier: Guard = {
  refusals: ['NOT_FOUND'],
  create: (deps) => async (c, next) => {
    if (!deps.binders.has(c.req.param('provider') ?? '')) throw new Refusal('NOT_FOUND');
    await next();
  },
};

/**
 * `POST /v1/notify/<provider>`: a provider's signed notification. Anyone can post here and each
 * costs RSA work, so the cheap refusals come first: an unknown provider, a sender not in its
 * `notifyFrom`, the per-IP limit, this instance's budget (shared fairly among senders), a small
 * body cap. Answered in the provider's own form.
 */
export const notify = route({
  method: 'post',
  path: '/v1/notify/{provider}',
  summary: "The provider's signed notification; answered in the provider's own form.",
  guards: [knownNotifier, notifySource, notifyIpLimit, notifyBudget, notifyBodyCap],
  auth: anyone,
  params: { schema: pathParams.provider, invalid: 'NOT_FOUND' },
  answers: { 200: { contentType: 'text/plain', description: "The provider's acknowledgement (e.g. OK)." } },
  refusals: ['NOTIFY_REJECTED', 'ORDER_NOT_FOUND'],
})(async ({ c, deps, params }) => {
  const reply = await acceptNotification(deps, scopeOf(c), params.provider, c.req.raw);
  return {
    response: new Response(reply.body, { status: reply.status, headers: { 'content-type': reply.contentType } }),
  };
});

export const notificationRoutes = [notify];
