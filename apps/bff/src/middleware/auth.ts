import type { Context } from 'hono';
import { merchantForApiKey, operatorKeyMatches } from '../auth/api-keys.js';
import type { Operation, WidgetClaims } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import type { Auth } from '../http/route.js';
import { consume, ensureBelow, type Limit } from '../records/limits.js';
import { Refusal, type RefusalCode } from '../refusals.js';
import { limitNames } from '../store/keys.js';
import { StoreUnavailableError } from '../store/types.js';

/**
 * Who may call a route. Each is the route's auth middleware: it checks the credential and puts
 * the caller on the context, where the route's handler finds it; the refusals it may answer are
 * declared with it (and so with every route that uses it).
 */

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]{1,4096})$/;
const MINUTE = 60_000;

const KEY_REFUSALS: RefusalCode[] = ['UNAUTHENTICATED', 'AUTH_RATE_LIMITED', 'RATE_LIMITED'];
const WIDGET_REFUSALS: RefusalCode[] = [
  'UNAUTHENTICATED',
  'TOKEN_EXPIRED',
  'ORIGIN_NOT_ALLOWED',
  'OPERATION_NOT_ALLOWED',
];

/** Anyone: no credential. */
export const anyone: Auth<undefined> = { schemes: [], refusals: [], authenticate: () => undefined };

/** A merchant's API key (server to server); the caller is the merchant's id. */
export const merchantKey: Auth<string> = {
  schemes: ['apiKey'],
  refusals: KEY_REFUSALS,
  async authenticate(c, deps) {
    const merchant = await requireKey(c, deps, () => bearerMerchant(c, deps));
    await countMerchantRequest(deps, merchant);
    return merchant;
  },
};

/** The operator key (metrics). */
export const operatorKey: Auth<'operator'> = {
  schemes: ['operatorKey'],
  refusals: KEY_REFUSALS,
  async authenticate(c, deps): Promise<'operator'> {
    const expected = deps.config.operatorKeySha256;
    await requireKey(c, deps, async (key) =>
      expected !== undefined && (await operatorKeyMatches(key, expected)) ? 'operator' : undefined,
    );
    return 'operator';
  },
};

/** Who reads the operations page: the operator (every merchant), or one merchant (its own webhooks and orders). */
export type OperationsReader = { operator: true } | { operator: false; merchant: string };

/** The operator key or a merchant's API key, counted as either would be (a merchant against its own limit). */
export const operatorOrMerchantKey: Auth<OperationsReader> = {
  schemes: ['operatorKey', 'apiKey'],
  refusals: KEY_REFUSALS,
  async authenticate(c, deps) {
    const expected = deps.config.operatorKeySha256;
    // No merchant id can be this (ids are letters, digits, _ and -).
    const OPERATOR = '\u0000operator';
    const found = await requireKey(c, deps, async (key) =>
      expected !== undefined && (await operatorKeyMatches(key, expected)) ? OPERATOR : bearerMerchant(c, deps),
    );
    if (found === OPERATOR) return { operator: true };
    await countMerchantRequest(deps, found);
    return { operator: false, merchant: found };
  },
};

/**
 * A widget token, used from the origin it was issued for or from the BFF's own widget frame
 * (which accepts a token only from that origin's page), allowing `operation` (any, unnamed).
 */
export const widgetToken = (operation?: Operation): Auth<WidgetClaims> => ({
  schemes: ['widgetToken'],
  refusals: WIDGET_REFUSALS,
  authenticate: (c, deps) => widgetClaims(c, deps, operation),
});

/** Either credential, for reads both the merchant's back end and the widget make; the widget needs `operation`. */
export const merchantKeyOrWidgetToken = (operation: Operation): Auth<{ merchant: string; widget?: WidgetClaims }> => ({
  schemes: ['apiKey', 'widgetToken'],
  refusals: [...new Set([...KEY_REFUSALS, ...WIDGET_REFUSALS])],
  async authenticate(c, deps) {
    if (bearerKind(c) === 'widget') {
      const widget = await widgetClaims(c, deps, operation);
      return { merchant: widget.sub, widget };
    }
    return { merchant: await merchantKey.authenticate(c, deps) };
  },
});

/** A widget token's claims, or what is wrong with its use here. */
export async function widgetClaims(c: Context, deps: Deps, operation?: Operation): Promise<WidgetClaims> {
  // A merchant's API key where a widget token belongs: say so (without echoing it).
  if (bearerKind(c) === 'api-key' && (await bearerMerchant(c, deps))) {
    throw new Refusal('UNAUTHENTICATED', {
      details: {
        fix: 'an API key stays on your server: this route takes a widget token (POST /v1/sessions makes one)',
      },
    });
  }
  const claims = await deps.tokens.verify(bearer(c));
  const origin = c.req.header('origin');
  const fromFrame =
    origin === originOf(deps.config.publicUrl) ||
    (origin === undefined && c.req.header('sec-fetch-site') === 'same-origin');
  if (origin !== claims.origin && !fromFrame) throw new Refusal('ORIGIN_NOT_ALLOWED');
  if (operation && !claims.ops.includes(operation)) throw new Refusal('OPERATION_NOT_ALLOWED');
  return claims;
}

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
    /** The merchant whose API key the bearer is, looked up once per request (null: none). */
    bearerMerchant: string | null;
    /** This request's wrong key, counted (or refused as too many) once. */
    failedKey: Promise<void>;
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
  if (!token) throw new Refusal('UNAUTHENTICATED');
  return token;
}

/** What the Authorization header carries: a widget token (a JWT), a merchant API key, or nothing usable. */
export function bearerKind(c: Context): 'widget' | 'api-key' | undefined {
  const token = bearerToken(c);
  if (!token) return undefined;
  return token.split('.').length === 3 ? 'widget' : 'api-key';
}

/** A merchant's request, against its own per-minute limit. */
async function countMerchantRequest(deps: Deps, merchant: string): Promise<void> {
  await whileStoreUp(() =>
    consume(
      deps.ephemeral,
      {
        name: limitNames.merchant(merchant),
        max: deps.config.limits.merchantPerMinute,
        windowMs: MINUTE,
        code: 'RATE_LIMITED',
      },
      deps.now(),
    ),
  );
}

/**
 * A bearer key that `lookup` knows. Wrong keys are counted per client IP and refused for the rest
 * of the minute once there are `failedAuthPerMinute` of them; the right key is admitted even from
 * an IP over that limit, so a neighbour behind the same NAT cannot lock its holder out. That opens
 * no guessing channel: keys are 192-bit random, and every wrong one is still counted and refused.
 */
async function requireKey(
  c: Context,
  deps: Deps,
  lookup: (key: string) => Promise<string | undefined>,
): Promise<string> {
  const found = await lookup(bearer(c));
  if (found) return found;
  await failedKey(c, deps);
  throw new Refusal('UNAUTHENTICATED');
}

/**
 * A wrong key from this client IP: refused as too many once over the limit, counted otherwise;
 * once per request (a route behind the per-IP guard that also takes an API key meets it twice).
 */
export function failedKey(c: Context, deps: Deps): Promise<void> {
  let counted = c.get('failedKey');
  if (!counted) {
    counted = countFailedKey(c, deps);
    c.set('failedKey', counted);
  }
  return counted;
}

async function countFailedKey(c: Context, deps: Deps): Promise<void> {
  const ip = deps.clientIp(c);
  if (!ip) return;
  const failures: Limit = {
    name: limitNames.failedAuth(deps.ipFingerprint(ip)),
    max: deps.config.limits.failedAuthPerMinute,
    windowMs: MINUTE,
    code: 'AUTH_RATE_LIMITED',
  };
  const now = deps.now();
  await whileStoreUp(() => ensureBelow(deps.ephemeral, failures, now));
  // Counted only: this request is refused anyway, the next ones by ensureBelow.
  await whileStoreUp(() => consume(deps.ephemeral, { ...failures, max: Number.POSITIVE_INFINITY }, now));
}

/** The merchant whose API key the request's bearer is, if it is one (looked up once per request). */
export async function bearerMerchant(c: Context, deps: Deps): Promise<string | undefined> {
  let merchant = c.get('bearerMerchant');
  if (merchant === undefined) {
    const token = bearerToken(c);
    merchant = (token && (await merchantForApiKey(deps.config, token))) || null;
    c.set('bearerMerchant', merchant);
  }
  return merchant ?? undefined;
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
