import type { BindNotification, NotificationReply } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import type { Deps } from '../deps.js';
import { withBindResult } from '../records/orders.js';
import { Refusal } from '../refusals.js';
import { announceOrder, bindResultSummary } from './bind-orders.js';
import type { Scope } from './scope.js';

/**
 * A provider's notification of a bind result: its signature checked (a forged one is refused),
 * applied to the order once (duplicates and stale ones change nothing), and announced before the
 * provider hears its acknowledgement (if we crash first, its retry announces again: same event id).
 * It is no call of ours, so no breaker or pacing refuses it: a real bank result is never lost.
 */
export async function acceptNotification(
  deps: Deps,
  scope: Scope,
  providerId: string,
  request: Request,
): Promise<NotificationReply> {
  const provider = deps.binders.get(providerId);
  if (!provider) throw new Refusal('NOT_FOUND');
  let notification: BindNotification;
  try {
    notification = await deps.calls.receive(
      provider,
      'notification',
      (ctx) => provider.parseNotification(request, ctx),
      bindResultSummary,
    );
  } catch {
    deps.logger.warn('notify.rejected', { provider: notPii(provider.id) });
    throw new Refusal('NOTIFY_REJECTED');
  }
  const updated = await deps.orders.update(notification.orderNo, (o) =>
    o.providerId === provider.id ? withBindResult(o, notification, deps.now()) : undefined,
  );
  if (!updated) throw new Refusal('ORDER_NOT_FOUND');
  await announceOrder(deps, scope, updated.order);
  deps.logger.info('notify.applied', {
    order: notPii(notification.orderNo),
    changed: updated.changed,
    status: notPii(updated.order.status),
  });
  return notification.reply;
}
