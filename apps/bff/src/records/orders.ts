import { applyBindEvent } from '@cardbind/core/bind';
import type { BindResult, BindStatus } from '@cardbind/core/contract';
import type { Outcome } from '@cardbind/core/outcome';
import type { Fingerprinter, Masked } from '@cardbind/core/pii';
import type * as z from 'zod';
import type { bindOrder } from '../schemas.js';
import { keys, queues } from '../store/keys.js';
import type { Store } from '../store/types.js';
import type { WebhookOutbox } from '../webhooks/outbox.js';
import { TimeIndex } from './time-index.js';

export const ORDER_TTL_MS = 30 * 86_400_000;

/** A bind order as the merchant and the widget see it (its schema: schemas.ts `bindOrder`). */
export type BindOrderView = z.output<typeof bindOrder>;

/** A bind order as stored: masked personal data only. */
export interface BindOrder {
  orderNo: string;
  merchant: string;
  providerId: string;
  /** CREATED: persisted, provider not yet answered. */
  status: 'CREATED' | BindStatus;
  bindId?: string;
  outcome?: Outcome;
  /** The bound card, masked, when the provider says which. */
  card?: Masked;
  masked: { name: Masked; idNumber: Masked; phone: Masked };
  bankCode: string;
  bankCardType: 'DEBIT' | 'CREDIT';
  returnUrl?: string;
  /** Keyed fingerprint of the merchant's user the card binds to: widgets read only their user's orders. */
  user?: string;
  createdAt: number;
  updatedAt: number;
}

export class OrderRepository {
  readonly #store: Store;
  readonly #byTime: TimeIndex;

  constructor(store: Store, now: () => number) {
    this.#store = store;
    this.#byTime = new TimeIndex(store, queues.bindOrdersByTime, ORDER_TTL_MS, now);
  }

  async create(order: BindOrder): Promise<boolean> {
    // The index entry is written beside the order, in its round trip: an entry whose order was not
    // written (its number was taken) names that one again, and lists skip what they cannot read.
    const [created] = await Promise.all([
      this.#store.setIfAbsent(keys.order(order.orderNo), JSON.stringify(order), ORDER_TTL_MS),
      this.#byTime.add(order.merchant, order.orderNo, order.createdAt),
    ]);
    return created;
  }

  /** Removes an order no provider was asked about (none could be called). */
  async discard(orderNo: string): Promise<void> {
    await this.#store.delete(keys.order(orderNo));
  }

  /** The merchant's bind orders created from `from` to `to` (ms), oldest first; past `after` (one created at `from`). */
  async list(merchant: string, from: number, to: number, limit: number, after?: string): Promise<BindOrder[]> {
    const orderNos = await this.#byTime.page(merchant, from, to, limit, after);
    const orders = await Promise.all(orderNos.map((orderNo) => this.get(orderNo)));
    return orders.filter((o): o is BindOrder => o?.merchant === merchant);
  }

  /** The merchant's `count` most recent bind orders created since `since` (ms), newest first. */
  async recent(merchant: string, since: number, to: number, count: number): Promise<BindOrder[]> {
    // The index reads oldest first: the window's order numbers (cheap), then the last few orders.
    const orderNos = await this.#byTime.page(merchant, since, to, 1000);
    const orders = await Promise.all(orderNos.slice(-count).map((orderNo) => this.get(orderNo)));
    return orders.filter((o): o is BindOrder => o?.merchant === merchant).reverse();
  }

  async get(orderNo: string): Promise<BindOrder | undefined> {
    const raw = await this.#store.get(keys.order(orderNo));
    return raw === undefined ? undefined : (JSON.parse(raw) as BindOrder);
  }

  /**
   * Applies `change` atomically (compare-and-set, retried on a race). `change`
   * returns undefined to leave the order as it is.
   */
  async update(
    orderNo: string,
    change: (order: BindOrder) => BindOrder | undefined,
    /** The order as this request last wrote it: tried first, with no read (a race reads it again). */
    known?: BindOrder,
  ): Promise<{ order: BindOrder; changed: boolean } | undefined> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const raw = attempt === 0 && known ? JSON.stringify(known) : await this.#store.get(keys.order(orderNo));
      if (raw === undefined) return undefined;
      const current = JSON.parse(raw) as BindOrder;
      const next = change(current);
      if (!next) return { order: current, changed: false };
      if (await this.#store.compareAndSet(keys.order(orderNo), raw, JSON.stringify(next), ORDER_TTL_MS))
        return { order: next, changed: true };
    }
    throw new Error('order update kept racing');
  }
}

/** A keyed fingerprint of the merchant's user (their id may be a phone number or an e-mail address). */
export function userRef(fingerprints: Fingerprinter, user: { userType: string; identifyId: string }) {
  return fingerprints.fingerprint('user', `${user.userType}|${user.identifyId}`);
}

/**
 * The order after a provider's result (notification or query), or undefined
 * when the result changes nothing: the one bind-order rule of core.
 */
export function withBindResult(order: BindOrder, result: BindResult, now: number): BindOrder | undefined {
  // A created order (its create never finished) that the provider has: it is at the bank, or was.
  if (order.status === 'CREATED' && result.status === 'PENDING') return { ...order, status: 'PENDING', updatedAt: now };
  const { changed, state } = applyBindEvent({ status: order.status === 'CREATED' ? 'PENDING' : order.status }, result);
  if (!changed) return undefined;
  return {
    ...order,
    status: state.status,
    ...(state.bindId ? { bindId: state.bindId } : {}),
    ...(result.cardMasked ? { card: result.cardMasked } : {}),
    ...(result.outcome ? { outcome: result.outcome } : {}),
    updatedAt: now,
  };
}

/** The order as the merchant and the widget see it. */
export function orderView(order: BindOrder): BindOrderView {
  return {
    orderNo: order.orderNo,
    status: order.status,
    ...(order.bindId ? { bindId: order.bindId } : {}),
    ...(order.card ? { card: order.card } : {}),
    ...(order.outcome ? { outcome: order.outcome } : {}),
    bankCode: order.bankCode,
    bankCardType: order.bankCardType,
    createdAt: new Date(order.createdAt).toISOString(),
    updatedAt: new Date(order.updatedAt).toISOString(),
  };
}

/**
 * Puts a terminal bind result in the webhook outbox. The event id is derived
 * from the order and its final status, so announcing twice (a duplicate
 * notification, a reconcile after a notify) is one event.
 */
export async function announceBindResult(outbox: WebhookOutbox, order: BindOrder): Promise<string | undefined> {
  if (order.status !== 'SUCCESS' && order.status !== 'FAIL') return undefined;
  const type = order.status === 'SUCCESS' ? 'bind_card.succeeded' : 'bind_card.failed';
  const id = `evt_${order.orderNo}_${order.status.toLowerCase()}`;
  return outbox.enqueue({ type, merchant: order.merchant, id, data: orderView(order) });
}
