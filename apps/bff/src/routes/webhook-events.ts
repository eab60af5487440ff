import { route } from '../http/route.js';
import { scopeOf } from '../http/scope.js';
import { merchantKey } from '../middleware/auth.js';
import { Refusal } from '../refusals.js';
import { deadEventsAnswer, pathParams, resentAnswer, webhookEventView } from '../schemas.js';
import { DEAD_PAGE, resendDeadEvents, resendEvent } from '../use-cases/resend-webhooks.js';
import { eventView } from '../webhooks/events.js';

/**
 * The merchant's view of its webhooks (API key): the events given up on, one event with its
 * attempts, and resending one or all dead ones. A resent event is delivered again from the start
 * (a fresh round of attempts), under the same id: receivers deduplicate on it.
 */

export const deadEvents = route({
  method: 'get',
  path: '/v1/webhook-events/dead',
  summary: 'Your webhook events given up on (after every attempt failed), the earliest first, up to 100.',
  auth: merchantKey,
  answers: { 200: { schema: deadEventsAnswer, description: 'The dead events with their payloads.' } },
})(async ({ deps, caller }) => ({
  status: 200,
  body: { events: (await deps.outbox.dead(caller, DEAD_PAGE)).map(eventView) },
}));

export const resendDead = route({
  method: 'post',
  path: '/v1/webhook-events/dead/resend',
  summary: 'Resend every dead event (up to 100): each gets a fresh round of attempts, same id.',
  auth: merchantKey,
  answers: { 202: { schema: resentAnswer, description: 'The ids queued again.' } },
})(async ({ c, deps, caller }) => ({
  status: 202,
  body: { resent: await resendDeadEvents(deps, scopeOf(c), [caller]) },
}));

export const readEvent = route({
  method: 'get',
  path: '/v1/webhook-events/{eventId}',
  summary: 'One webhook event: payload, status (pending, delivered, dead), attempts.',
  auth: merchantKey,
  params: { schema: pathParams.event, invalid: 'WEBHOOK_EVENT_NOT_FOUND' },
  answers: { 200: { schema: webhookEventView, description: 'The event.' } },
})(async ({ deps, caller, params }) => {
  const record = await deps.outbox.record(params.eventId);
  if (!record || record.event.merchant !== caller) throw new Refusal('WEBHOOK_EVENT_NOT_FOUND');
  return { status: 200, body: eventView(record) };
});

export const resendOne = route({
  method: 'post',
  path: '/v1/webhook-events/{eventId}/resend',
  summary: 'Send a dead or delivered event again (a fresh round of attempts, same id).',
  auth: merchantKey,
  params: { schema: pathParams.event, invalid: 'WEBHOOK_EVENT_NOT_FOUND' },
  answers: { 202: { schema: webhookEventView, description: 'Queued again: status pending.' } },
  refusals: ['WEBHOOK_EVENT_NOT_FOUND', 'WEBHOOK_EVENT_PENDING'],
})(async ({ c, deps, caller, params }) => ({
  status: 202,
  body: eventView(await resendEvent(deps, scopeOf(c), caller, params.eventId)),
}));

export const webhookEventRoutes = [deadEvents, resendDead, readEvent, resendOne];
