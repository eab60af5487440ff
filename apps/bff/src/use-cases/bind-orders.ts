import type { Binder, BindResult } from '@cardbind/core/contract';
import { outcomeFromError } from '@cardbind/core/outcome';
import { notPii } from '@cardbind/core/pii';
import type { Deps } from '../deps.js';
import type { CallPlan } from '../providers/calls.js';
import { LEASE_MARGIN_MS } from '../records/idempotency.js';
import { announceBindResult, type BindOrder, withBindResult } from '../records/orders.js';
import type { CallSummary } from '../telemetry/telemetry.js';
import type { Scope } from './scope.js';

/** What bind create, notification and reconciliation share: the provider calls' summaries, announcing a result. */

/** Binding is not a billed call: nothing a bind call does is charged. */
export const bindResultSummary = (result: BindResult): CallSummary => ({
  outcome: result.status.toLowerCase(),
  ...(result.outcome ? { reason: result.outcome.reason } : {}),
  charged: false,
});

/** A query's answer, or the fault that stopped it. */
type QueryAnswer = { result: BindResult } | { fault: ReturnType<typeof outcomeFromError> };

const queryPlan = (orderNo: string): CallPlan<Binder, QueryAnswer> => ({
  action: 'query_bind',
  send: async (provider, ctx) => ({ result: await provider.queryBind(orderNo, ctx) }),
  failed: (provider, error) => ({ fault: outcomeFromError(provider.id, error) }),
  summary: (answer) =>
    'result' in answer
      ? bindResultSummary(answer.result)
      : { outcome: answer.fault.status, reason: answer.fault.reason, charged: false },
});

/**
 * Asks the provider for an order's state and applies it (through the one provider call path: the
 * breaker and pacing hold). Undefined when it could not be asked now. A terminal result is announced.
 */
export async function reconcileOrder(deps: Deps, scope: Scope, order: BindOrder): Promise<BindOrder | undefined> {
  const provider = deps.binders.get(order.providerId);
  if (!provider) return undefined;
  const answer = await deps.calls.call(provider, queryPlan(order.orderNo));
  if (!answer) return undefined;
  if ('fault' in answer) {
    deps.logger.warn('bind.reconcile_failed', { order: notPii(order.orderNo), reason: notPii(answer.fault.reason) });
    return undefined;
  }
  // Unchanged still touches updatedAt, so the next read waits before asking again.
  const updated = await deps.orders.update(
    order.orderNo,
    (o) => withBindResult(o, answer.result, deps.now()) ?? { ...o, updatedAt: deps.now() },
  );
  if (updated) await announceOrder(deps, scope, updated.order);
  return updated?.order;
}

/** A terminal order goes to the webhook outbox; the first delivery attempt starts right away. */
export async function announceOrder(deps: Deps, scope: Scope, order: BindOrder): Promise<void> {
  const eventId = await announceBindResult(deps.outbox, order);
  if (eventId) scope.later(deps.outbox.deliver(eventId));
}

/** How long a create may hold its token's claim: its provider call's deadline, and a margin. */
export const createLeaseMs = (deps: Deps) => deps.calls.budgetMs('bindCard') + LEASE_MARGIN_MS;

/**
 * A pending order is asked about once it has waited `reconcileAfterSeconds`, or at once if this
 * instance has refused a notification since (it may have been this order's); a created one (its
 * create never finished: the server stopped) once its create could no longer be running either.
 */
export function isStale(deps: Deps, order: BindOrder): boolean {
  const waited = deps.now() - order.updatedAt;
  const after = deps.config.reconcileAfterSeconds * 1000;
  if (order.status === 'PENDING') return waited > after || deps.notifications.shedAt >= order.updatedAt;
  return order.status === 'CREATED' && waited > Math.max(after, createLeaseMs(deps));
}
