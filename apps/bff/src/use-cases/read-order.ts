import type { WidgetClaims } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { type BindOrder, userRef } from '../records/orders.js';
import { Refusal } from '../refusals.js';
import { isStale, reconcileOrder } from './bind-orders.js';
import type { Scope } from './scope.js';

/**
 * A bind order, as its merchant (or a widget of its user) reads it; a stale pending one (or one a
 * crash left created) is first reconciled through the provider.
 */
export async function readOrder(
  deps: Deps,
  scope: Scope,
  reader: { merchant: string; widget?: WidgetClaims },
  orderNo: string,
): Promise<BindOrder> {
  const order = await deps.orders.get(orderNo);
  if (!order || order.merchant !== reader.merchant) throw new Refusal('ORDER_NOT_FOUND');
  // A widget reads only the orders of the user its token names.
  const { widget } = reader;
  if (widget && order.user !== undefined && (!widget.user || order.user !== userRef(deps.fingerprints, widget.user))) {
    throw new Refusal('ORDER_NOT_FOUND');
  }
  if (!isStale(deps, order)) return order;
  return (await reconcileOrder(deps, scope, order)) ?? order;
}
