import fc from 'fast-check';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import type { RefusalCode } from '../../../src/refusals.js';
import { API_KEY, ORIGIN } from '../../support/sandbox.js';
import { type Case, type CorpusContext, json, sample, verificationCases } from './cases.js';

/** Widget tokens that are not what the BFF issues (forged, expired, alg:none, HS256, …). */
async function badTokens({ serverKey, bffUrl }: CorpusContext) {
  const key = await importJWK({ ...serverKey.privateJwk, alg: 'ES256' }, 'ES256');
  const other = (await generateKeyPair('ES256')).privateKey;
  const claims = { ops: ['verify3'], origin: ORIGIN };
  const now = Math.floor(Date.now() / 1000);
  const jwt = (
    k: CryptoKey | Uint8Array,
    mutate: (j: SignJWT) => SignJWT,
    alg = 'ES256',
    kid = serverKey.kid,
    typ: string | null = 'JWT',
  ) =>
    mutate(
      new SignJWT(claims)
        .setProtectedHeader({ alg, ...(kid ? { kid } : {}), ...(typ ? { typ } : {}) })
        .setIssuer(bffUrl)
        .setAudience('cardbind-widget')
        .setSubject('shop')
        .setJti(crypto.randomUUID()),
    ).sign(k);
  return {
    expired: await jwt(key as CryptoKey, (j) => j.setIssuedAt(now - 3600).setExpirationTime(now - 60)),
    otherKey: await jwt(other, (j) => j.setIssuedAt(now).setExpirationTime(now + 600)),
    unknownKid: await jwt(key as CryptoKey, (j) => j.setIssuedAt(now).setExpirationTime(now + 600), 'ES256', 'k-nope'),
    wrongAudience: await jwt(key as CryptoKey, (j) => j.setAudience('someone-else').setExpirationTime(now + 600)),
    wrongIssuer: await jwt(key as CryptoKey, (j) => j.setIssuer('https://evil.example').setExpirationTime(now + 600)),
    hs256: await jwt(new TextEncoder().encode('x'.repeat(32)), (j) => j.setExpirationTime(now + 600), 'HS256'),
    // Signed with the real key, but not what a widget token is.
    webhookTyp: await jwt(
      key as CryptoKey,
      (j) => j.setIssuedAt(now).setExpirationTime(now + 600),
      'ES256',
      serverKey.kid,
      'cardbind-event+jws',
    ),
    noTyp: await jwt(
      key as CryptoKey,
      (j) => j.setIssuedAt(now).setExpirationTime(now + 600),
      'ES256',
      serverKey.kid,
      null,
    ),
    noExp: await jwt(key as CryptoKey, (j) => j.setIssuedAt(now)),
    noIat: await jwt(key as CryptoKey, (j) => j.setExpirationTime(now + 600)),
    futureIat: await jwt(key as CryptoKey, (j) => j.setIssuedAt(now + 300).setExpirationTime(now + 600)),
    longLived: await jwt(key as CryptoKey, (j) => j.setIssuedAt(now).setExpirationTime(now + 86_400)),
    arrayAud: await jwt(key as CryptoKey, (j) =>
      j
        .setAudience(['cardbind-widget', 'x'])
        .setIssuedAt(now)
        .setExpirationTime(now + 600),
    ),
    none: new UnsecuredJWT({ ...claims, sub: 'shop', aud: 'cardbind-widget', iss: bffUrl })
      .setExpirationTime(now + 600)
      .encode(),
  };
}

/** Tokens (missing, garbage, forged), API keys and session bodies. */
export async function credentialCases(ctx: CorpusContext, cases: Case[]) {
  const { valid, token } = ctx;
  const { verifyCase } = verificationCases(ctx);
  const bad = await badTokens(ctx);
  const full = json(valid);
  // Tokens: missing, garbage, forged, expired, alg:none, HS256, wrong audience/issuer/kid, wrong origin.
  const tokenCases: [string, Record<string, string>, RefusalCode[]][] = [
    ['no token', { authorization: '' }, ['UNAUTHENTICATED']],
    ['expired', { authorization: `Bearer ${bad.expired}` }, ['TOKEN_EXPIRED']],
    ['other key', { authorization: `Bearer ${bad.otherKey}` }, ['UNAUTHENTICATED']],
    ['unknown kid', { authorization: `Bearer ${bad.unknownKid}` }, ['UNAUTHENTICATED']],
    ['audience', { authorization: `Bearer ${bad.wrongAudience}` }, ['UNAUTHENTICATED']],
    ['issuer', { authorization: `Bearer ${bad.wrongIssuer}` }, ['UNAUTHENTICATED']],
    ['HS256', { authorization: `Bearer ${bad.hs256}` }, ['UNAUTHENTICATED']],
    ['alg none', { authorization: `Bearer ${bad.none}` }, ['UNAUTHENTICATED']],
    ['typ of a webhook', { authorization: `Bearer ${bad.webhookTyp}` }, ['UNAUTHENTICATED']],
    ['no typ', { authorization: `Bearer ${bad.noTyp}` }, ['UNAUTHENTICATED']],
    ['no exp', { authorization: `Bearer ${bad.noExp}` }, ['UNAUTHENTICATED']],
    ['no iat', { authorization: `Bearer ${bad.noIat}` }, ['UNAUTHENTICATED']],
    ['iat in the future', { authorization: `Bearer ${bad.futureIat}` }, ['UNAUTHENTICATED']],
    ['lives longer than tokens do', { authorization: `Bearer ${bad.longLived}` }, ['UNAUTHENTICATED']],
    ['array aud', { authorization: `Bearer ${bad.arrayAud}` }, ['UNAUTHENTICATED']],
    ['api key as token', { authorization: `Bearer ${API_KEY}` }, ['UNAUTHENTICATED']],
    ['wrong origin', { origin: 'https://evil.example' }, ['ORIGIN_NOT_ALLOWED']],
    ['no origin', { origin: '' }, ['ORIGIN_NOT_ALLOWED']],
  ];
  for (const [kind, headers, codes] of tokenCases) {
    for (let i = 0; i < 10; i++) cases.push(verifyCase(`token: ${kind}`, full, codes, headers));
  }
  for (const garbage of sample(
    fc.string({ minLength: 1, maxLength: 300 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
    120,
  )) {
    cases.push(verifyCase('token: garbage', full, ['UNAUTHENTICATED'], { authorization: `Bearer ${garbage}` }));
  }
  for (const [i, t] of sample(fc.constantFrom(token), 60).entries()) {
    // One flipped character anywhere in the signed token.
    const at = 10 + ((i * 37) % (t.length - 20));
    const flipped = t.slice(0, at) + (t[at] === 'A' ? 'B' : 'A') + t.slice(at + 1);
    if (flipped === t) continue;
    cases.push(
      verifyCase('token: tampered', full, ['UNAUTHENTICATED', 'TOKEN_EXPIRED'], { authorization: `Bearer ${flipped}` }),
    );
  }

  // Merchant API: bad API keys and bad session bodies.
  for (const key of sample(
    fc.string({ minLength: 1, maxLength: 80 }).filter((s) => /^[\x21-\x7e]+$/.test(s) && s !== API_KEY),
    80,
  )) {
    cases.push({
      kind: 'api key',
      method: 'POST',
      path: '/v1/sessions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: json({ operations: ['verify3'], origin: ORIGIN }),
      expect: ['UNAUTHENTICATED'],
    });
  }
  const sessionBodies = sample(
    fc.oneof(
      fc.record({ operations: fc.array(fc.string(), { maxLength: 3 }), origin: fc.string() }),
      fc.record({ operations: fc.constant(['bind']), origin: fc.constant(ORIGIN) }),
      fc.record({ operations: fc.constant(['verify3']), origin: fc.webUrl().filter((u) => !u.startsWith(ORIGIN)) }),
      fc.jsonValue(),
    ),
    150,
  );
  for (const body of sessionBodies) {
    cases.push({
      kind: 'session body',
      method: 'POST',
      path: '/v1/sessions',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
      body: json(body),
      expect: ['INVALID_REQUEST', 'ORIGIN_NOT_ALLOWED'],
    });
  }
}
