import type * as z from 'zod';
import type { webhookEvent, webhookEventView } from '../schemas.js';

/** The JWS `typ` of a webhook, which a widget token (same keys) never has; @cardbind/client checks it. */
export const WEBHOOK_JWS_TYPE = 'cardbind-event+jws';

/** What the merchant receives, as the payload of a compact JWS (its schema: schemas.ts `webhookEvent`). */
export type WebhookEvent = z.output<typeof webhookEvent>;
export type EventType = WebhookEvent['type'];
/** An event to be queued: all but the time it is made. */
export type NewEvent = WebhookEvent extends infer E ? (E extends WebhookEvent ? Omit<E, 'created'> : never) : never;

/** An event as the merchant API shows it: the payload and how its delivery went. */
export type EventView = z.output<typeof webhookEventView>;

/** An event as the outbox keeps it. */
export interface EventRecord {
  event: WebhookEvent;
  /** Attempts since the event was queued (or last resent). */
  attempts: number;
  delivered?: string;
  dead?: boolean;
  /** How often the merchant asked for it again. */
  resent?: number;
  /** A store key whose presence, when the event is due, cancels it (it is then never sent). */
  unless?: string;
}

export function eventView({ event, attempts, delivered, dead, resent }: EventRecord): EventView {
  const status = dead ? 'dead' : delivered ? 'delivered' : 'pending';
  return {
    id: event.id,
    type: event.type,
    created: event.created,
    status,
    attempts,
    ...(delivered ? { delivered } : {}),
    ...(resent ? { resent } : {}),
    data: event.data,
  };
}
