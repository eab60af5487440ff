import { importRsaPublicKey } from '@cardbind/core/crypto';
import { createAggSigner, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { AGG_CUSTOMERS, SANDBOX_MERCHANT_RSA_PUBLIC_KEY } from '@cardbind/sandbox';
import fc from 'fast-check';
import { generateKeyPair, importJWK, SignJWT, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { REFUSAL_STATUS } from '../src/http/statuses.js';
import { REFUSALS, type RefusalCode } from '../src/refusals.js';
import { API_KEY, baseConfig, Client, HOLDER as holder, ORIGIN, startBff, startSandbox } from './harness.js';

/**
 * A generated corpus of malformed requests, each with the error codes it may
 * get. Every answer must be a 4xx from the catalogue, with the status the
 * catalogue gives that code, and one of the codes its generator expects.
 */
const sandbox = await startSandbox();
let serverKey: { kid: string; privateJwk: Record<string, string> } | undefined;
const bff = await startBff(async (url) => {
  const config = await baseConfig(sandbox, url);
  serverKey = config.signingKeys[0];
  // Limits out of the way: this corpus is about answers to malformed requests, not throttling.
  const many = 1_000_000;
  return {
    ...config,
    limits: {
      ipPerMinute: many,
      sessionAttempts: many,
      failedAuthPerMinute: many,
      notifyIpPerMinute: many,
      notificationsPerSecond: many,
    },
  };
});
const client = new Client(bff.url);
const valid = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0], consent: true };
const token = await client.session();
const seed = 20261122;

interface Case {
  kind: string;
  method?: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  expect: RefusalCode[];
}

const sample = <T>(arb: fc.Arbitrary<T>, n: number) => fc.sample(arb, { numRuns: n, seed });
let idem = 0;
const verifyHeaders = (extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  origin: ORIGIN,
  authorization: `Bearer ${token}`,
  'idempotency-key': `corpus-${idem++}-key`,
  ...extra,
});
const verifyCase = (
  kind: string,
  body: string | Uint8Array<ArrayBuffer>,
  expectCodes: RefusalCode[],
  headers = {},
): Case => ({
  kind,
  method: 'POST',
  path: '/v1/verifications',
  headers: verifyHeaders(headers),
  body,
  expect: expectCodes,
});

async function tokens() {
  const key = await importJWK({ ...serverKey?.privateJwk, alg: 'ES256' }, 'ES256');
  const other = (await generateKeyPair('ES256')).privateKey;
  const claims = { ops: ['verify3'], origin: ORIGIN };
  const now = Math.floor(Date.now() / 1000);
  const jwt = (
    k: CryptoKey | Uint8Array,
    mutate: (j: SignJWT) => SignJWT,
    alg = 'ES256',
    kid = serverKey?.kid,
    typ: string | null = 'JWT',
  ) =>
    mutate(
      new SignJWT(claims)
        .setProtectedHeader({ alg, ...(kid ? { kid } : {}), ...(typ ? { typ } : {}) })
        .setIssuer(bff.url)
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
      serverKey?.kid,
      'cardbind-event+jws',
    ),
    noTyp: await jwt(
      key as CryptoKey,
      (j) => j.setIssuedAt(now).setExpirationTime(now + 600),
      'ES256',
      serverKey?.kid,
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
    none: new UnsecuredJWT({ ...claims, sub: 'shop', aud: 'cardbind-widget', iss: bff.url })
      .setExpirationTime(now + 600)
      .encode(),
  };
}

async function notifyBodies(n: number) {
  const pub = await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
  const plain = {
    customerNo: AGG_CUSTOMERS.md5.customerNo,
    orderNo: 'BCnosuchorder00000',
    status: 'SUCCESS',
    bindId: 'B',
  };
  const bodies: string[] = [];
  const wrongKeys = sample(fc.string({ minLength: 1, maxLength: 24 }), n);
  for (const key of wrongKeys.slice(0, Math.floor(n / 2))) {
    const sign = await createAggSigner({ type: 'MD5', md5Key: `${key}-not-the-key` }).sign(plain);
    bodies.push(JSON.stringify(sealEnvelope({ ...plain, sign }, plain.customerNo, pub)));
  }
  // Envelopes that are not even encrypted to us, or broken JSON around them.
  for (const junk of sample(fc.base64String({ minLength: 4, maxLength: 400 }), n - bodies.length)) {
    bodies.push(JSON.stringify({ customerNo: plain.customerNo, reqmsg: junk }));
  }
  return bodies;
}

async function corpus(): Promise<Case[]> {
  const cases: Case[] = [];
  const bad = await tokens();
  const json = (v: unknown) => JSON.stringify(v);

  // Bad JSON: random text that does not parse, truncations of a valid body, invalid UTF-8.
  for (const text of sample(
    fc.string({ maxLength: 200 }).filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    }),
    250,
  )) {
    cases.push(verifyCase('bad json', text, ['BAD_JSON']));
  }
  const full = json(valid);
  for (let cut = 1; cut < full.length; cut += 2)
    cases.push(verifyCase('truncated json', full.slice(0, cut), ['BAD_JSON']));
  for (const bytes of sample(fc.uint8Array({ minLength: 1, maxLength: 64 }), 60)) {
    cases.push(verifyCase('invalid utf-8', new Uint8Array([0x7b, 0xff, 0xfe, ...bytes]), ['BAD_JSON']));
  }

  // Wrong types: any JSON value that is not an object, and each field replaced by a non-string.
  for (const value of sample(
    fc.jsonValue().filter((v) => v === null || typeof v !== 'object' || Array.isArray(v)),
    150,
  )) {
    cases.push(verifyCase('not an object', json(value), ['INVALID_REQUEST']));
  }
  const fields = ['name', 'idNumber', 'cardNumber', 'phone', 'kind', 'consent'] as const;
  const nonString = fc.oneof(
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(fc.string()),
    fc.object(),
  );
  for (const [i, value] of sample(nonString, 300).entries()) {
    const field = fields[i % fields.length] ?? 'name';
    if (field === 'consent' && value === true) continue;
    cases.push(verifyCase('wrong type', json({ ...valid, [field]: value }), ['INVALID_REQUEST']));
  }
  for (const extra of sample(
    fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !(k in valid) && k !== 'phone' && k !== '__proto__'),
    80,
  )) {
    cases.push(verifyCase('unknown field', json({ ...valid, [extra]: 'x' }), ['INVALID_REQUEST']));
  }
  for (const field of ['name', 'idNumber', 'cardNumber', 'kind', 'consent'] as const) {
    const { [field]: _dropped, ...rest } = valid;
    cases.push(verifyCase('missing field', json(rest), ['INVALID_REQUEST']));
  }
  cases.push(verifyCase('consent false', json({ ...valid, consent: false }), ['INVALID_REQUEST']));
  cases.push(verifyCase('4 elements without phone', json({ ...valid, kind: 4 }), ['INVALID_INPUT']));

  // Unicode tricks inside otherwise well-formed bodies.
  const tricks = ['\u200b', '\u202e', '\u0000', '\ufeff', '\u2028', '\ud800', '\u0301', '\uff10', 'Ａ', '𝟘', '٣', 'ℂ'];
  for (const [i, trick] of sample(fc.constantFrom(...tricks), 240).entries()) {
    const field = (['cardNumber', 'idNumber', 'name'] as const)[i % 3] ?? 'name';
    const original = String(valid[field]);
    const at = i % original.length;
    const tampered = `${original.slice(0, at) + trick.repeat(1 + (i % 3))}x${original.slice(at)}`;
    cases.push(
      verifyCase('unicode trick', json({ ...valid, [field]: tampered }), ['INVALID_INPUT', 'INVALID_REQUEST']),
    );
  }
  for (const long of sample(fc.string({ minLength: 65, maxLength: 300 }), 40)) {
    cases.push(verifyCase('overlong field', json({ ...valid, name: long }), ['INVALID_REQUEST']));
  }

  // Oversized bodies, honest or lying about their length.
  for (const size of [16 * 1024 + 1, 64 * 1024, 1024 * 1024]) {
    const huge = json({ ...valid, name: 'x'.repeat(size) });
    cases.push(verifyCase('oversized', huge, ['PAYLOAD_TOO_LARGE']));
  }

  // Media type, idempotency key.
  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/jsonx',
    '',
  ]) {
    cases.push(verifyCase('media type', full, ['UNSUPPORTED_MEDIA_TYPE'], { 'content-type': type }));
  }
  for (const key of sample(
    fc
      .string({ maxLength: 200 })
      .filter((k) => !/^[A-Za-z0-9_-]{8,128}$/.test(k) && !/[\r\n\0]/.test(k) && /^[\x20-\x7e]*$/.test(k)),
    100,
  )) {
    cases.push(
      verifyCase('idempotency key', full, ['IDEMPOTENCY_KEY_REQUIRED', 'IDEMPOTENCY_KEY_INVALID'], {
        'idempotency-key': key.trim(),
      }),
    );
  }

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

  // Bind orders, BIN prefixes, order numbers, tickets, return URLs.
  for (const value of sample(fc.record({ bankCode: fc.string(), bankCardType: fc.string(), name: fc.integer() }), 60)) {
    cases.push({
      kind: 'bind body',
      method: 'POST',
      path: '/v1/bind-cards',
      headers: verifyHeaders(),
      body: json(value),
      expect: ['INVALID_REQUEST'],
    });
  }
  for (const prefix of sample(
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^\d{6,8}$/.test(s)),
    120,
  )) {
    cases.push({
      kind: 'bin prefix',
      method: 'GET',
      path: `/v1/bins/${encodeURIComponent(prefix)}`,
      headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
      expect: ['INVALID_REQUEST', 'NOT_FOUND'],
    });
  }
  for (const orderNo of sample(fc.string({ minLength: 1, maxLength: 60 }), 80)) {
    cases.push({
      kind: 'order number',
      method: 'GET',
      path: `/v1/bind-cards/${encodeURIComponent(orderNo)}`,
      headers: { authorization: `Bearer ${API_KEY}` },
      expect: ['ORDER_NOT_FOUND', 'NOT_FOUND'],
    });
    cases.push({
      kind: 'return',
      method: 'GET',
      path: `/v1/return/${encodeURIComponent(orderNo)}`,
      expect: ['ORDER_NOT_FOUND', 'NOT_FOUND'],
    });
    cases.push({
      kind: 'ticket',
      method: 'GET',
      path: `/r/${encodeURIComponent(orderNo)}`,
      expect: ['TICKET_USED', 'NOT_FOUND'],
    });
  }

  // Notifications with bad signatures, foreign envelopes, junk; unknown providers.
  for (const body of await notifyBodies(150)) {
    cases.push({
      kind: 'notify signature',
      method: 'POST',
      path: '/v1/notify/aggregate-pay',
      headers: { 'content-type': 'application/json' },
      body,
      expect: ['NOTIFY_REJECTED'],
    });
  }
  for (const text of sample(fc.string({ maxLength: 200 }), 60)) {
    cases.push({
      kind: 'notify junk',
      method: 'POST',
      path: '/v1/notify/aggregate-pay',
      headers: { 'content-type': 'application/json' },
      body: text,
      expect: ['NOTIFY_REJECTED'],
    });
    cases.push({
      kind: 'notify provider',
      method: 'POST',
      path: `/v1/notify/${encodeURIComponent(text || 'x')}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      expect: ['NOT_FOUND'],
    });
  }
  return cases;
}

async function send(c: Case) {
  const res = await fetch(new URL(c.path, bff.url), {
    method: c.method ?? 'POST',
    headers: c.headers ?? {},
    ...(c.body === undefined ? {} : { body: c.body }),
    redirect: 'manual',
  });
  const text = await res.text();
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status: res.status, code };
}

describe('malformed-request corpus', () => {
  it('≥ 2,000 generated malformed requests: no 5xx, every answer a documented code with its documented status', async () => {
    const cases = await corpus();
    expect(cases.length).toBeGreaterThanOrEqual(2_000);
    const failures: string[] = [];
    const seen = new Map<string, number>();
    for (let i = 0; i < cases.length; i += 32) {
      const batch = cases.slice(i, i + 32);
      const results = await Promise.all(batch.map(send));
      results.forEach((r, j) => {
        const c = batch[j] as Case;
        seen.set(`${c.kind} → ${r.code}`, (seen.get(`${c.kind} → ${r.code}`) ?? 0) + 1);
        const documented = r.code !== undefined && r.code in REFUSALS;
        const statusOk = documented && REFUSAL_STATUS[r.code as RefusalCode] === r.status;
        if (r.status >= 500 || !documented || !statusOk || !c.expect.includes(r.code as RefusalCode)) {
          failures.push(
            `${c.kind} ${c.method ?? 'POST'} ${c.path.slice(0, 40)} → ${r.status} ${r.code} (expected ${c.expect.join('|')})`,
          );
        }
      });
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Nothing reached a provider: every case failed before the call.
    expect(sandbox.faceid.stats.count('BankCardVerification')).toBe(0);
    expect(seen.size).toBeGreaterThan(20);
  }, 120_000);
});
