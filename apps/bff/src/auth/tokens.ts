import type { BindUserType } from '@cardbind/core/contract';
import {
  CompactSign,
  type CryptoKey,
  exportJWK,
  importJWK,
  type JWK,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { Config } from '../config/schema.js';
import { Refusal } from '../refusals.js';

export const TOKEN_AUDIENCE = 'cardbind-widget';
/** Clock skew allowed between BFF instances for `iat` and `exp`. */
const CLOCK_TOLERANCE_SECONDS = 5;
export type Operation = 'verify2' | 'verify3' | 'verify4' | 'bind';

export interface WidgetClaims {
  /** The merchant. */
  sub: string;
  ops: Operation[];
  /** The page origin allowed to use the token. */
  origin: string;
  returnUrl?: string;
  /** The user the card binds to (bind only). */
  user?: { userType: BindUserType; identifyId: string };
  /** The hosted page's link the token was made for: a result through it ends the link's session. */
  hosted?: string;
  jti: string;
  exp: number;
}

interface KeyEntry {
  kid: string;
  privateKey: CryptoKey;
  /** Imported once: importing a JWK per verification costs more than the signature check. */
  publicKey: CryptoKey;
  publicJwk: JWK;
  verifyUntil: number;
}

/**
 * Widget tokens: ES256 JWTs from the first configured key, verified with any
 * key still in its rotation window; algorithm, issuer and audience pinned.
 */
export class TokenService {
  readonly #keys: Promise<KeyEntry[]>;
  readonly #issuer: string;
  readonly #ttl: number;
  readonly #now: () => number;

  constructor(config: Config, now: () => number) {
    this.#issuer = config.publicUrl;
    this.#ttl = config.tokenTtlSeconds;
    this.#now = now;
    this.#keys = Promise.all(
      config.signingKeys.map(async (k) => {
        const privateKey = (await importJWK({ ...k.privateJwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
        const { d: _private, ...publicJwk } = k.privateJwk;
        return {
          kid: k.kid,
          privateKey,
          publicKey: (await importJWK({ ...publicJwk, alg: 'ES256' }, 'ES256')) as CryptoKey,
          publicJwk: { ...publicJwk, kid: k.kid, alg: 'ES256', use: 'sig' },
          verifyUntil: k.verifyUntil ? Date.parse(k.verifyUntil) : Number.POSITIVE_INFINITY,
        };
      }),
    );
  }

  async issue(claims: Omit<WidgetClaims, 'jti' | 'exp'>): Promise<{ token: string; expiresAt: number; jti: string }> {
    const [current] = await this.#keys;
    if (!current) throw new Error('no signing key');
    const jti = crypto.randomUUID();
    const iat = Math.floor(this.#now() / 1000);
    const exp = iat + this.#ttl;
    const token = await new SignJWT({
      ops: claims.ops,
      origin: claims.origin,
      ...(claims.returnUrl ? { returnUrl: claims.returnUrl } : {}),
      ...(claims.user ? { user: claims.user } : {}),
      ...(claims.hosted ? { hosted: claims.hosted } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ: 'JWT' })
      .setIssuer(this.#issuer)
      .setAudience(TOKEN_AUDIENCE)
      .setSubject(claims.sub)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(current.privateKey);
    return { token, expiresAt: exp, jti };
  }

  async verify(token: string): Promise<WidgetClaims> {
    const keys = await this.#keys;
    const now = this.#now();
    try {
      const { payload } = await jwtVerify(
        token,
        async (header) => {
          const key = keys.find((k) => k.kid === header.kid && k.verifyUntil > now);
          if (!key) throw new joseErrors.JWKSNoMatchingKey();
          return key.publicKey;
        },
        {
          algorithms: ['ES256'],
          // A webhook JWS (typ cardbind-event+jws) never passes for a token, nor a token for one.
          typ: 'JWT',
          issuer: this.#issuer,
          audience: TOKEN_AUDIENCE,
          requiredClaims: ['exp', 'jti', 'sub'],
          // Also requires `iat` and refuses one in the future (beyond the tolerance).
          maxTokenAge: this.#ttl,
          clockTolerance: CLOCK_TOLERANCE_SECONDS,
          currentDate: new Date(now),
        },
      );
      if (
        payload.aud !== TOKEN_AUDIENCE ||
        typeof payload.exp !== 'number' ||
        payload.exp - (payload.iat ?? 0) > this.#ttl ||
        typeof payload.sub !== 'string' ||
        typeof payload.jti !== 'string' ||
        typeof payload.origin !== 'string' ||
        !Array.isArray(payload.ops)
      ) {
        throw new Refusal('UNAUTHENTICATED');
      }
      return payload as unknown as WidgetClaims;
    } catch (error) {
      if (error instanceof Refusal) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new Refusal('TOKEN_EXPIRED');
      throw new Refusal('UNAUTHENTICATED');
    }
  }

  /**
   * Signs a webhook payload as a compact JWS with the current key: the
   * merchant verifies it with the same JWKS as the widget tokens, and tells
   * the two apart by `typ` (a token's is `JWT`), which the recipe checks.
   */
  async signPayload(payload: unknown, typ: string): Promise<string> {
    const [current] = await this.#keys;
    if (!current) throw new Error('no signing key');
    return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'ES256', kid: current.kid, typ })
      .sign(current.privateKey);
  }

  /** The public keys still valid for verification, for /.well-known/jwks.json. */
  async jwks(): Promise<{ keys: JWK[] }> {
    const now = this.#now();
    return { keys: (await this.#keys).filter((k) => k.verifyUntil > now).map((k) => k.publicJwk) };
  }
}

export { exportJWK };
