import type { Context } from 'hono';
import { merchantForApiKey, operatorKeyMatches } from '../auth/api-keys.js';
import type { Operation, WidgetClaims } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { consume, ensureBelow } from '../services/limits.js';
import { StoreUnavailableError } from '../store/types.js';

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;
const MINUTE = 60_000;

/** The BFF's own origin, parsed once per configured URL (not once per request). */
const origins = new Map<string, string>();
const originOf = (url: string) => {
  let origin = origins.get(url);
  if (origin === undefined) {
    origin = new URL(url).origin;
    origins.set(url, origin);
  }
  return origin;
};

declare module 'hono' {
  interface ContextVariableMap {
    /** The Authorization header's bearer token as read once (null: none usable). */
    bearerToken: string | null;
  }
}

/**
 * The request's bearer token, read once: the per-IP limit asks what kind it is and the route
 * then verifies it, and the pattern over a 400-character token is not free.
 */
function bearerToken(c: Context): string | undefined {
  let token = c.get('bearerToken');
  if (token === undefined) {
    token = BEARER.exec(c.req.header('authorization') ?? '')?.[1] ?? null;
    c.set('bearerToken', token);
  }
  return token ?? undefined;
}

function bearer(c: Context): string {
  const token = bearerToken(c);
  if (!token) throw new ApiError('UNAUTHENTICATED');
  return token;
}

/** What the Authorization header carries: a widget token (a JWT), a merchant API key, or nothing usable. */
export function bearerKind(c: Context): 'widget' | 'api-key' | undefined {
  const token = bearerToken(c);
  if (!token) return undefined;
  return token.split('.').length === 3 ? 'widget' : 'api-key';
}

/**
 * Server-to-server: `Authorization: Bearer <merchant API key>`. Wrong keys
 * are counted per client IP and refused for the rest of the minute once
 * there are `failedAuthPerMinute` of them; a good key is counted against its
 * merchant's own limit, apart from the browsers' per-IP limits.
 */
export async function requireMerchant(c: Context, deps: Deps): Promise<string> {
  const merchant = await requireKey(c, deps, (key) => merchantForApiKey(deps.config, key));
  await countMerchantRequest(deps, merchant);
  return merchant;
}

/** A merchant's request, against its own per-minute limit. */
async function countMerchantRequest(deps: Deps, merchant: string): Promise<void> {
  await whileStoreUp(() =>
    consume(
      deps.ephemeral,
      `merchant:${merchant}`,
      deps.config.limits.merchantPerMinute,
      MINUTE,
      'RATE_LIMITED',
      deps.now(),
    ),
  );
}

/** The operator: `Authorization: Bearer <operator key>` (metrics), wrong keys counted as a merchant's are. */
export async function requireOperator(c: Context, deps: Deps): Promise<void> {
  const expected = deps.config.operatorKeySha256;
  await requireKey(c, deps, async (key) =>
    expected !== undefined && (await operatorKeyMatches(key, expected)) ? 'operator' : undefined,
  );
}

/** Who reads the operations page: the operator (every merchant), or one merchant (its own webhooks and orders). */
export type OperationsReader = { operator: true } | { operator: false; merchant: string };

/** The operator key or a merchant's API key, counted as either would be (a merchant against its own limit). */
export async function requireOperatorOrMerchant(c: Context, deps: Deps): Promise<OperationsReader> {
  const expected = deps.config.operatorKeySha256;
  // No merchant id can be this (ids are letters, digits, _ and -).
  const OPERATOR = '\u0000operator';
  const found = await requireKey(c, deps, async (key) =>
    expected !== undefined && (await operatorKeyMatches(key, expected))
      ? OPERATOR
      : merchantForApiKey(deps.config, key),
  );
  if (found === OPERATOR) return { operator: true };
  await countMerchantRequest(deps, found);
  return { operator: false, merchant: found };
}

/** A bearer key that `lookup` knows, after the failed attempts of this client IP are counted. */
async function requireKey(
  c: Context,
  deps: Deps,
  lookup: (key: string) => Promise<string | undefined>,
): Promise<string> {
  const key = bearer(c);
  const ip = deps.clientIp(c);
  const failures = ip ? `auth-failures:${deps.ipFingerprint(ip)}` : undefined;
  const { failedAuthPerMinute } = deps.config.limits;
  const now = deps.now();
  if (failures) {
    await whileStoreUp(() =>
      ensureBelow(deps.ephemeral, failures, failedAuthPerMinute, MINUTE, 'AUTH_RATE_LIMITED', now),
    );
  }
  const found = await lookup(key);
  if (!found) {
    // Counted only: this request is refused anyway, the next ones by ensureBelow.
    const uncapped = Number.POSITIVE_INFINITY;
    if (failures)
      await whileStoreUp(() => consume(deps.ephemeral, failures, uncapped, MINUTE, 'AUTH_RATE_LIMITED', now));
    throw new ApiError('UNAUTHENTICATED');
  }
  return found;
}

/**
 * The API-key limits hold while the store answers; in an outage they are
 * skipped, not the request: a session (a signed token) needs no store, and a
 * checkout should not stop for a limit that cannot be counted.
 */
async function whileStoreUp(check: () => Promise<void>): Promise<void> {
  try {
    await check();
  } catch (error) {
    if (!(error instanceof StoreUnavailableError)) throw error;
  }
}

/**
 * Browser: a widget token, used from the origin it was issued for or from the
 * BFF's own widget frame (which accepts a token only from that origin's
 * page), allowing `operation` (any operation when none is named: BIN lookups).
 */
export async function requireWidget(c: Context, deps: Deps, operation?: Operation): Promise<WidgetClaims> {
  const claims = await deps.tokens.verify(bearer(c));
  const origin = c.req.header('origin');
  const fromFrame =
    origin === originOf(deps.config.publicUrl) ||
    (origin === undefined && c.req.header('sec-fetch-site') === 'same-origin');
  if (origin !== claims.origin && !fromFrame) throw new ApiError('ORIGIN_NOT_ALLOWED');
  if (operation && !claims.ops.includes(operation)) throw new ApiError('OPERATION_NOT_ALLOWED');
  return claims;
}

/** Either credential, for reads both the merchant's back end and the widget make; the widget needs `operation`. */
export async function requireMerchantOrWidget(
  c: Context,
  deps: Deps,
  operation: Operation,
): Promise<{ merchant: string; widget?: WidgetClaims }> {
  if (bearerKind(c) === 'widget') {
    const widget = await requireWidget(c, deps, operation);
    return { merchant: widget.sub, widget };
  }
  return { merchant: await requireMerchant(c, deps) };
}
