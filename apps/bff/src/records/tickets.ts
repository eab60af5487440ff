import type { FormDescriptor } from '@cardbind/core/contract';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

/** How long a bank form waits to be spent. */
export const TICKET_TTL_MS = 10 * 60_000;
/** How long the browser that spent a ticket can open it again and be shown the way back. */
export const SPENT_TTL_MS = 30 * 60_000;

/** What a spent ticket leaves: its order, and a keyed fingerprint of the browser that spent it. */
export interface SpentTicket {
  orderNo: string;
  browser: string;
}

/**
 * One-time tickets: the bank's form of an order, kept under a random name the browser goes to
 * (`/r/<ticket>`), taken once; and what its spending left, for that browser's reload.
 */
export class Tickets {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  keep(ticket: string, orderNo: string, form: FormDescriptor): Promise<void> {
    return this.#store.set(keys.ticket(ticket), JSON.stringify({ orderNo, form }), TICKET_TTL_MS);
  }

  async exists(ticket: string): Promise<boolean> {
    return (await this.#store.get(keys.ticket(ticket))) !== undefined;
  }

  /** Takes the ticket (once: a second take finds nothing). */
  async take(ticket: string): Promise<{ orderNo: string; form: FormDescriptor } | undefined> {
    const raw = await this.#store.take(keys.ticket(ticket));
    return raw === undefined ? undefined : JSON.parse(raw);
  }

  markSpent(ticket: string, spent: SpentTicket): Promise<void> {
    return this.#store.set(keys.spentTicket(ticket), JSON.stringify(spent), SPENT_TTL_MS);
  }

  async spent(ticket: string): Promise<SpentTicket | undefined> {
    const raw = await this.#store.get(keys.spentTicket(ticket));
    return raw === undefined ? undefined : JSON.parse(raw);
  }
}
