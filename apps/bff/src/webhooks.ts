/**
 * For the merchant's server: verifies a cardbind webhook (the body of the
 * POST, a compact JWS) against the BFF's JWKS and returns the event. Web APIs
 * and jose only, so it runs wherever the merchant's server does.
 *
 * The JWKS also verifies widget tokens, which every browser holds: the
 * header's `typ` tells the two apart, and this checks it, with the payload's
 * shape, so a widget token can never pass for an event.
 */
import { compactVerify, type JWTVerifyGetKey } from 'jose';
import type { EventType, WebhookEvent } from './services/webhooks.js';

export type { EventType, WebhookEvent } from './services/webhooks.js';
export const WEBHOOK_JWS_TYPE = 'cardbind-event+jws';

const EVENT_TYPES: ReadonlySet<string> = new Set<EventType>([
  'bind_card.succeeded',
  'bind_card.failed',
  'verification.completed',
]);

export type WebhookVerificationCode = 'WEBHOOK_SIGNATURE_INVALID' | 'WEBHOOK_NOT_AN_EVENT';

export class WebhookVerificationError extends Error {
  readonly code: WebhookVerificationCode;

  constructor(code: WebhookVerificationCode, message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
    this.code = code;
  }
}

/**
 * `keys`: `createRemoteJWKSet(new URL('<bff>/.well-known/jwks.json'))` from
 * jose, or one public key. Throws `WebhookVerificationError` when the body is
 * not an event the BFF signed.
 */
export async function verifyWebhook(body: string, keys: JWTVerifyGetKey | CryptoKey): Promise<WebhookEvent> {
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified =
      typeof keys === 'function'
        ? await compactVerify(body.trim(), keys, { algorithms: ['ES256'] })
        : await compactVerify(body.trim(), keys, { algorithms: ['ES256'] });
  } catch {
    throw new WebhookVerificationError(
      'WEBHOOK_SIGNATURE_INVALID',
      'The body is not a JWS signed by a key of this JWKS.',
    );
  }
  if (verified.protectedHeader.typ !== WEBHOOK_JWS_TYPE) {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', `The JWS is not of type ${WEBHOOK_JWS_TYPE}.`);
  }
  let event: Partial<WebhookEvent>;
  try {
    event = JSON.parse(new TextDecoder().decode(verified.payload)) as Partial<WebhookEvent>;
  } catch {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', 'The payload is not JSON.');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    !EVENT_TYPES.has(event.type) ||
    typeof event.merchant !== 'string' ||
    typeof event.created !== 'string'
  ) {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', 'The payload is not a cardbind event.');
  }
  return event as WebhookEvent;
}
