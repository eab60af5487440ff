import type { FormDescriptor } from '@cardbind/core/contract';
import { toBase64Url } from '@cardbind/core/crypto';
import type { Deps } from '../deps.js';
import { Refusal } from '../refusals.js';

/**
 * The one-time way to the bank. Looking at a ticket never spends it (link previews, scanners);
 * spending it gives its form once, and the browser that spent it a secret of its own, so that its
 * reload is shown the way back to the shop rather than a dead end. Anyone else gets TICKET_USED.
 */

/** A spent ticket opened again by the browser that spent it: the way back to the shop. */
export type WayBack = { kind: 'way-back'; back: string };
/** What opening a ticket gives: the page that spends it, or (spent, by this browser) the way back. */
export type TicketView = { kind: 'unspent' } | WayBack;

/** Spending a ticket: the bank's form, and the secret its browser keeps (a cookie) to be known again. */
export interface SpentTicketAnswer {
  form: FormDescriptor;
  browser: string;
}

export async function lookAtTicket(deps: Deps, ticket: string, browser: string | undefined): Promise<TicketView> {
  if (await deps.tickets.exists(ticket)) return { kind: 'unspent' };
  return wayBack(deps, ticket, browser);
}

/** Spends the ticket; a spent one is its browser's way back (`way-back`), or TICKET_USED. */
export async function spendTicket(
  deps: Deps,
  ticket: string,
  browser: string | undefined,
): Promise<SpentTicketAnswer | WayBack> {
  const taken = await deps.tickets.take(ticket);
  if (!taken) return wayBack(deps, ticket, browser);
  const secret = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
  await deps.tickets.markSpent(ticket, {
    orderNo: taken.orderNo,
    browser: deps.fingerprints.fingerprint('ticket-browser', secret),
  });
  return { form: taken.form, browser: secret };
}

async function wayBack(deps: Deps, ticket: string, browser: string | undefined): Promise<WayBack> {
  const spent = await deps.tickets.spent(ticket);
  if (spent && browser && spent.browser === deps.fingerprints.fingerprint('ticket-browser', browser)) {
    return { kind: 'way-back', back: `${deps.config.publicUrl.replace(/\/$/, '')}/v1/return/${spent.orderNo}` };
  }
  throw new Refusal('TICKET_USED');
}
