/**
 * Verifying a webhook: the body of the BFF's POST is a compact JWS signed with
 * the keys of its JWKS. The same keys sign widget tokens, which every browser
 * holds, so the header's `typ` (`cardbind-event+jws`) and the payload's shape
 * are checked too: a widget token never passes for an event.
 */
import { compactVerify, createRemoteJWKSet, customFetch, type JWTVerifyGetKey } from 'jose';
import { WebhookVerificationError } from './errors.js';
import type { WebhookEvent } from './types.js';

export const WEBHOOK_JWS_TYPE = 'cardbind-event+jws';

// Every type the API declares (a record, so a type added there and not here fails the typecheck).
const EVENT_TYPES: Record<WebhookEvent['type'], true> = {
  'bind_card.succeeded': true,
  'bind_card.failed': true,
  'verification.completed': true,
  'hosted_session.expired': true,
};

/** The BFF's JWKS, fetched when first needed and cached (jose's remote key set: refetched for an unknown `kid`). */
export function remoteJwks(baseUrl: string | URL, fetchImpl?: typeof fetch): JWTVerifyGetKey {
  return createRemoteJWKSet(new URL('/.well-known/jwks.json', baseUrl), {
    ...(fetchImpl ? { [customFetch]: fetchImpl } : {}),
  });
}

/**
 * The request's raw body, as a string (bytes are read as UTF-8). A parsed body is the classic
 * mistake (a JSON body parser ran first: for `application/jose` Express's leaves `{}`): it is
 * refused with what to do, rather than as a bad signature.
 */
function rawBody(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new WebhookVerificationError(
    'WEBHOOK_BODY_NOT_RAW',
    `verify() needs the request's raw body (a string or bytes), not ${body === null || body === undefined ? String(body) : `a parsed ${typeof body}`}: read it before any body parser does (Express: express.text({ type: 'application/jose' }) on this route; Next.js: await request.text()).`,
  );
}

/**
 * Returns the event when `body` (the request's raw body: a string or bytes) is one the BFF signed.
 * `keys`: `remoteJwks(bffUrl)`, or one public key. Throws `WebhookVerificationError` otherwise.
 */
export async function verifyWebhook(
  body: string | Uint8Array,
  keys: JWTVerifyGetKey | CryptoKey,
): Promise<WebhookEvent> {
  const jws = rawBody(body).trim();
  let verified: Awaited<ReturnType<typeof compactVerify>>;
  try {
    verified =
      typeof keys === 'function'
        ? await compactVerify(jws, keys, { algorithms: ['ES256'] })
        : await compactVerify(jws, keys, { algorithms: ['ES256'] });
  } catch {
    throw new WebhookVerificationError(
      'WEBHOOK_SIGNATURE_INVALID',
      'The body is not a JWS signed by a key of the JWKS.',
    );
  }
  if (verified.protectedHeader.typ !== WEBHOOK_JWS_TYPE) {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', `The JWS is not of type ${WEBHOOK_JWS_TYPE}.`);
  }
  let event: Partial<WebhookEvent> | null;
  try {
    event = JSON.parse(new TextDecoder().decode(verified.payload)) as Partial<WebhookEvent> | null;
  } catch {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', 'The payload is not JSON.');
  }
  if (
    typeof event !== 'object' ||
    event === null ||
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    !Object.hasOwn(EVENT_TYPES, event.type) ||
    typeof event.merchant !== 'string' ||
    typeof event.created !== 'string' ||
    typeof event.data !== 'object' ||
    event.data === null
  ) {
    throw new WebhookVerificationError('WEBHOOK_NOT_AN_EVENT', 'The payload is not a cardbind event.');
  }
  return event as WebhookEvent;
}
