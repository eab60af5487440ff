import type { Deps } from '../deps.js';
import { Refusal } from '../refusals.js';
import type { CreateSessionBody } from '../schemas.js';

/**
 * A widget session for a merchant's checkout: a short-lived token bound to the merchant, the
 * operations it allows, the page's origin (one of the merchant's), and for a bind the user the
 * card binds to and where the browser comes back.
 */
export async function issueSession(deps: Deps, merchantId: string, body: CreateSessionBody) {
  const origin = mustBeAllowed(deps, merchantId, 'origin', body.origin);
  if (body.returnUrl) mustBeAllowed(deps, merchantId, 'returnUrl', body.returnUrl);
  if (body.operations.includes('bind') && (!body.user || !body.returnUrl)) throw userRequiredForBind();
  return deps.tokens.issue({
    sub: merchantId,
    ops: body.operations,
    origin,
    ...(body.returnUrl ? { returnUrl: body.returnUrl } : {}),
    ...(body.user ? { user: body.user } : {}),
  });
}

/** `url`'s origin, when it is one of the merchant's allowed origins; ORIGIN_NOT_ALLOWED otherwise. */
export function mustBeAllowed(deps: Deps, merchantId: string, field: string, url: string): string {
  const merchant = deps.config.merchants.find((m) => m.id === merchantId);
  const origin = new URL(url).origin;
  if (merchant?.allowedOrigins.some((o) => new URL(o).origin === origin)) return origin;
  // The merchant's own request, so its own origins may be named back, with where to allow them.
  throw new Refusal('ORIGIN_NOT_ALLOWED', {
    details: {
      field,
      origin,
      fix: `add ${origin} to this merchant's allowedOrigins, or make the session for a page at one of them.`,
    },
  });
}

export const userRequiredForBind = () =>
  new Refusal('INVALID_REQUEST', { details: { issues: [{ path: 'user', code: 'required_for_bind' }] } });
