import type { Deps } from '../deps.js';
import { Refusal } from '../refusals.js';
import type { CreateSessionBody } from '../schemas.js';

/**
 * A widget session for a merchant's checkout: a short-lived token bound to the merchant, the
 * operations it allows, the page's origin (one of the merchant's), and for a bind the user the
 * card binds to and where the browser comes back.
 */
export async function issueSession(deps: Deps, merchantId: string, body: CreateSessionBody) {
  const merchant = deps.config.merchants.find((m) => m.id === merchantId);
  const allowed = new Set(merchant?.allowedOrigins.map((o) => new URL(o).origin));
  const origin = new URL(body.origin).origin;
  // The merchant's own request, so its own origins may be named back, with where to allow them.
  const refuse = (field: 'origin' | 'returnUrl', value: string) =>
    new Refusal('ORIGIN_NOT_ALLOWED', {
      details: {
        field,
        origin: value,
        fix: `add ${value} to this merchant's allowedOrigins, or make the session for a page at one of them.`,
      },
    });
  if (!allowed.has(origin)) throw refuse('origin', origin);
  const returnOrigin = body.returnUrl && new URL(body.returnUrl).origin;
  if (returnOrigin && !allowed.has(returnOrigin)) throw refuse('returnUrl', returnOrigin);
  if (body.operations.includes('bind') && (!body.user || !body.returnUrl)) {
    throw new Refusal('INVALID_REQUEST', { details: { issues: [{ path: 'user', code: 'required_for_bind' }] } });
  }
  return deps.tokens.issue({
    sub: merchantId,
    ops: body.operations,
    origin,
    ...(body.returnUrl ? { returnUrl: body.returnUrl } : {}),
    ...(body.user ? { user: body.user } : {}),
  });
}
