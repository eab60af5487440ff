import type { Context } from 'hono';
import { merchantForApiKey } from '../auth/api-keys.js';
import type { Operation, WidgetClaims } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';

function bearer(c: Context): string {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/.exec(header);
  if (!match?.[1]) throw new ApiError('UNAUTHENTICATED');
  return match[1];
}

/** Server-to-server: `Authorization: Bearer <merchant API key>`. */
export async function requireMerchant(c: Context, deps: Deps): Promise<string> {
  const merchant = await merchantForApiKey(deps.config, bearer(c));
  if (!merchant) throw new ApiError('UNAUTHENTICATED');
  return merchant;
}

/**
 * Browser: a widget token, used from the origin it was issued for or from the
 * BFF's own widget frame (which accepts a token only from that origin's
 * page), allowing `operation`.
 */
export async function requireWidget(c: Context, deps: Deps, operation?: Operation): Promise<WidgetClaims> {
  const claims = await deps.tokens.verify(bearer(c));
  const origin = c.req.header('origin');
  const fromFrame =
    origin === new URL(deps.config.publicUrl).origin ||
    (origin === undefined && c.req.header('sec-fetch-site') === 'same-origin');
  if (origin !== claims.origin && !fromFrame) throw new ApiError('ORIGIN_NOT_ALLOWED');
  if (operation && !claims.ops.includes(operation)) throw new ApiError('OPERATION_NOT_ALLOWED');
  return claims;
}

/** Either credential, for reads both the merchant's back end and the widget make. */
export async function requireMerchantOrWidget(c: Context, deps: Deps): Promise<string> {
  const token = bearer(c);
  if (token.split('.').length === 3) return (await requireWidget(c, deps)).sub;
  return requireMerchant(c, deps);
}
