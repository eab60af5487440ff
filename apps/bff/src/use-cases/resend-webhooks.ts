import type { Deps } from '../deps.js';
import { Refusal } from '../refusals.js';
import type { EventRecord } from '../webhooks/events.js';
import type { Scope } from './scope.js';

/** How many dead events one request lists or resends, at most. */
export const DEAD_PAGE = 100;

/**
 * Sends one of the merchant's events again (a dead or delivered one: a fresh round of attempts,
 * the same id), the first attempt right away. `merchant` undefined: any merchant's (the operator).
 */
export async function resendEvent(
  deps: Deps,
  scope: Scope,
  merchant: string | undefined,
  id: string,
): Promise<EventRecord> {
  const owner = merchant ?? (await deps.outbox.record(id))?.event.merchant;
  const resent = owner === undefined ? undefined : await deps.outbox.resend(owner, id);
  if (resent === undefined) throw new Refusal('WEBHOOK_EVENT_NOT_FOUND');
  if (resent === 'pending') throw new Refusal('WEBHOOK_EVENT_PENDING');
  scope.later(deps.outbox.deliver(id));
  return resent;
}

/** Sends every dead event of these merchants again (up to DEAD_PAGE each); returns their ids. */
export async function resendDeadEvents(deps: Deps, scope: Scope, merchants: readonly string[]): Promise<string[]> {
  const resent = (await Promise.all(merchants.map((m) => deps.outbox.resendDead(m, DEAD_PAGE)))).flat();
  const ids = resent.map((record) => record.event.id);
  scope.later(Promise.all(ids.map((id) => deps.outbox.deliver(id))));
  return ids;
}
