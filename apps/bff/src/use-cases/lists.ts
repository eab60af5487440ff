import type { Deps } from '../deps.js';
import { type BindOrderView, orderView } from '../records/orders.js';
import type { VerificationRecord } from '../records/verifications.js';
import { Refusal } from '../refusals.js';
import type { ListQuery } from '../schemas.js';

/**
 * The merchant's lists for reconciliation: records created in a window of time, oldest first, a
 * page at a time (past `startingAfter`, the last item of the page before), masked.
 */

export interface Page<T> {
  data: T[];
  hasMore: boolean;
}

/** The merchant's verifications in the window, without the owner field. */
export async function listVerifications(
  deps: Deps,
  merchant: string,
  query: ListQuery,
): Promise<Page<Omit<VerificationRecord, 'merchant'>>> {
  const after = query.startingAfter ? await deps.verifications.get(query.startingAfter) : undefined;
  if (query.startingAfter && after?.merchant !== merchant) throw new Refusal('VERIFICATION_NOT_FOUND');
  const cursor = after && { member: after.id, at: Date.parse(after.createdAt) };
  const page = await listPage(createdWindow(query, deps.now()), query.limit, cursor, (from, to, limit, afterId) =>
    deps.verifications.list(merchant, from, to, limit, afterId),
  );
  return { data: page.data.map(({ merchant: _owner, ...view }) => view), hasMore: page.hasMore };
}

/** The merchant's bind orders in the window, as the single read shows them. */
export async function listBindOrders(deps: Deps, merchant: string, query: ListQuery): Promise<Page<BindOrderView>> {
  const after = query.startingAfter ? await deps.orders.get(query.startingAfter) : undefined;
  if (query.startingAfter && after?.merchant !== merchant) throw new Refusal('ORDER_NOT_FOUND');
  const cursor = after && { member: after.orderNo, at: after.createdAt };
  const page = await listPage(createdWindow(query, deps.now()), query.limit, cursor, (from, to, limit, afterNo) =>
    deps.orders.list(merchant, from, to, limit, afterNo),
  );
  return { data: page.data.map(orderView), hasMore: page.hasMore };
}

/** A list's time window, in ms: `createdTo` defaults to now, `createdFrom` to a day before it. */
function createdWindow(query: ListQuery, now: number) {
  const to = query.createdTo === undefined ? now : Date.parse(query.createdTo);
  const from = query.createdFrom === undefined ? to - 86_400_000 : Date.parse(query.createdFrom);
  if (from > to) {
    throw new Refusal('INVALID_REQUEST', { details: { issues: [{ path: 'createdFrom', code: 'after_created_to' }] } });
  }
  return { from, to };
}

/**
 * One page: `limit` items from the window, past the item `startingAfter` names (at `cursorAt`,
 * when it is still inside the window); `hasMore` when the window holds more.
 */
async function listPage<T>(
  window: { from: number; to: number },
  limit: number,
  cursor: { member: string; at: number } | undefined,
  list: (from: number, to: number, limit: number, after?: string) => Promise<T[]>,
): Promise<Page<T>> {
  const resume = cursor && cursor.at >= window.from;
  const items = await list(resume ? cursor.at : window.from, window.to, limit + 1, resume ? cursor.member : undefined);
  return { data: items.slice(0, limit), hasMore: items.length > limit };
}
