import { CARDHOLDERS, SANDBOX_SM2_PUBLIC_KEY, SCENARIO_CARDS } from '@cardbind/sandbox';
import { createRemoteJWKSet, jwtVerify, UnsecuredJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { ConfigError, createApp } from '../src/app.js';
import {
  API_KEY,
  baseConfig,
  Client,
  HOLDER as holder,
  ORIGIN,
  startBff,
  startSandbox,
  VERIFY3 as verification,
} from './harness.js';

const sandbox = await startSandbox();
let clockOffset = 0;
const now = () => Date.now() + clockOffset;
const bff = await startBff((url) => baseConfig(sandbox, url), { now });
const client = new Client(bff.url);
let keySeq = 0;
const idem = () => `idem-${Date.now()}-${keySeq++}`;

async function verify(token: string, body: unknown, key = idem(), headers: Record<string, string> = {}) {
  return client.post('/v1/verifications', body, {
    authorization: `Bearer ${token}`,
    'idempotency-key': key,
    ...headers,
  });
}

describe('configuration', () => {
  it('a missing or malformed secret stops start-up naming the path, never the value', async () => {
    const config = await baseConfig(sandbox, 'http://127.0.0.1:1');
    const bad = { ...config, fingerprintSecret: 'short-secret-value' };
    expect(() => createApp(bad)).toThrow(ConfigError);
    try {
      createApp(bad);
    } catch (error) {
      expect((error as ConfigError).problems).toEqual(['fingerprintSecret: must be at least 32 characters']);
      expect((error as Error).message).not.toContain('short-secret-value');
    }
  });
});

describe('sessions and tokens', () => {
  it('issues an ES256 widget token verifiable with the published JWKS', async () => {
    const token = await client.session();
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', bff.url));
    const { payload, protectedHeader } = await jwtVerify(token, jwks, { audience: 'cardbind-widget', issuer: bff.url });
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: 'k1' });
    expect(payload).toMatchObject({ sub: 'shop', origin: ORIGIN, ops: ['verify3', 'verify4', 'bind'] });
    expect((payload.exp ?? 0) - (payload.iat ?? 0)).toBe(600);
  });

  it('refuses a wrong API key and a foreign origin', async () => {
    const wrong = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: ORIGIN },
      { authorization: 'Bearer sk_nope' },
    );
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Missing or invalid credentials.' },
    });
    const token = await client.session({ origin: 'https://evil.example' }).catch(() => undefined);
    expect(token).toBeUndefined();
  });

  it('rejects alg:none, tampered and expired tokens, and a token used from another origin', async () => {
    const none = new UnsecuredJWT({ sub: 'shop', ops: ['verify3'], origin: ORIGIN })
      .setAudience('cardbind-widget')
      .encode();
    expect((await (await verify(none, verification)).json()) as object).toEqual({
      error: { code: 'UNAUTHENTICATED', message: 'Missing or invalid credentials.' },
    });
    const token = await client.session();
    const tampered = `${token.slice(0, -4)}AAAA`;
    expect((await verify(tampered, verification)).status).toBe(401);
    expect((await verify(token, verification, idem(), { origin: 'https://evil.example' })).status).toBe(403);
    clockOffset = 11 * 60_000;
    try {
      const expired = await verify(token, verification);
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { code: string } }).error.code).toBe('TOKEN_EXPIRED');
    } finally {
      clockOffset = 0;
    }
  });
});

describe('verifications', () => {
  it('verifies 3 and 4 elements through the sandbox', async () => {
    const token = await client.session();
    const res = await verify(token, verification);
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      id: string;
      card: string;
      outcome: { status: string; provider: { id: string } };
    };
    expect(json.outcome).toMatchObject({ status: 'verified', charged: true, provider: { id: 'tencent-faceid' } });
    expect(json.card).toBe('622202*********1008');
    const four = await verify(token, { ...verification, kind: 4, phone: holder.phone });
    expect(((await four.json()) as { outcome: { status: string } }).outcome.status).toBe('verified');
  });

  it("the merchant's server reads a verification back with its API key; nobody else can", async () => {
    const token = await client.session();
    const answer = (await (await verify(token, verification)).json()) as { id: string; card: string };
    const read = await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${API_KEY}` });
    expect(read.status).toBe(200);
    const record = (await read.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ id: answer.id, kind: 3, card: answer.card, outcome: { status: 'verified' } });
    expect(Object.keys(record).sort()).toEqual(['card', 'createdAt', 'id', 'kind', 'outcome']);
    expect(Date.parse(record.createdAt as string)).toBeGreaterThan(Date.now() - 60_000);
    // The widget token that made it cannot read it, a made-up id is a plain 404, and so is a malformed one.
    expect((await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${token}` })).status).toBe(401);
    const unknown = await client.get(`/v1/verifications/ver_${'0'.repeat(32)}`, {
      authorization: `Bearer ${API_KEY}`,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('VERIFICATION_NOT_FOUND');
    const malformed = await client.get('/v1/verifications/..%2Fsessions', { authorization: `Bearer ${API_KEY}` });
    expect(malformed.status).toBe(404);
  });

  it('Idempotency-Key: same body → stored answer and no second provider call; another body → 409', async () => {
    const token = await client.session();
    const key = idem();
    const first = (await (await verify(token, verification, key)).json()) as { id: string };
    const calls = sandbox.faceid.stats.requests;
    const again = await verify(token, verification, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Kept as a reference to the verification's record, and read back whole.
    expect(await again.json()).toEqual(first);
    expect(sandbox.faceid.stats.requests).toBe(calls);
    const other = await verify(token, { ...verification, name: '李四' }, key);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input: field codes, consent, key, JSON, size, media type', async () => {
    const token = await client.session();
    const invalid = await verify(token, { ...verification, idNumber: '110105194912310021', name: 'Bob' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { fields: { idNumber: ['ID_CHECKSUM'], name: ['NAME_CHARACTERS'] } } },
    });
    expect((await verify(token, { ...verification, consent: false })).status).toBe(400);
    expect((await client.post('/v1/verifications', verification, { authorization: `Bearer ${token}` })).status).toBe(
      400,
    );
    expect((await verify(token, '{"kind":3,')).status).toBe(400);
    expect((await verify(token, { ...verification, name: 'x'.repeat(20_000) })).status).toBe(413);
    const text = await fetch(new URL('/v1/verifications', bff.url), {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: ORIGIN,
        authorization: `Bearer ${token}`,
        'idempotency-key': idem(),
      },
      body: 'x',
    });
    expect(text.status).toBe(415);
  });

  it('fails over when a provider is unavailable and nothing was charged; never after a charge-unknown timeout', async () => {
    const token = await client.session();
    const busy = await verify(token, { ...verification, cardNumber: SCENARIO_CARDS.busy });
    const busyJson = (await busy.json()) as { outcome: { reason: string; provider: { id: string } } };
    // FaceID busy (not billed) → csec, which is busy too: the last answer stands.
    expect(busyJson.outcome).toMatchObject({ reason: 'PROVIDER_BUSY', provider: { id: 'tencent-csec' } });
    const csecBefore = sandbox.csec.stats.requests;
    const garbage = await verify(token, { ...verification, cardNumber: SCENARIO_CARDS.internal_error });
    expect(((await garbage.json()) as { outcome: { charged: string } }).outcome.charged).toBe('unknown');
    expect(sandbox.csec.stats.requests).toBe(csecBefore);
  });

  it('limits attempts per card per day across sessions', async () => {
    const card = CARDHOLDERS[1]?.cards[0] ?? '';
    const body = { ...verification, name: CARDHOLDERS[1]?.name, idNumber: CARDHOLDERS[1]?.idNumber, cardNumber: card };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await verify(await client.session(), body)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits attempts per session', async () => {
    const token = await client.session();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await verify(token, { ...verification, cardNumber: SCENARIO_CARDS.lost })).status);
    expect(statuses.slice(-1)).toEqual([429]);
  });
});

describe('FaceID field encryption, chosen per provider config', () => {
  it('SM4-GCM with the SM2 key: the fields reach FaceID encrypted, one tag each, and verify', async () => {
    const bodies: Promise<string>[] = [];
    const sm4Sandbox = await startSandbox({
      tap: (provider, request) => {
        if (provider === 'tencent-faceid') bodies.push(request.clone().text());
      },
    });
    const sm4Bff = await startBff(async (url) => {
      const base = await baseConfig(sm4Sandbox, url);
      const faceid = base.providers['tencent-faceid'];
      return {
        ...base,
        providers: {
          'tencent-faceid': { ...faceid, encryptionPublicKey: SANDBOX_SM2_PUBLIC_KEY, encryptionAlgorithm: 'SM4-GCM' },
        },
        routing: { verify3: ['tencent-faceid'] },
      } as typeof base;
    });
    const sm4Client = new Client(sm4Bff.url);
    const token = await sm4Client.session({ operations: ['verify3'] });
    const res = await sm4Client.post('/v1/verifications', verification, {
      authorization: `Bearer ${token}`,
      'idempotency-key': idem(),
    });
    expect(await res.json()).toMatchObject({ outcome: { status: 'verified', provider: { id: 'tencent-faceid' } } });
    const [sent] = await Promise.all(bodies);
    expect(sent).not.toContain(holder.idNumber);
    expect(JSON.parse(sent ?? '{}').Encryption).toMatchObject({
      Algorithm: 'SM4-GCM',
      EncryptList: ['Name', 'IdCard', 'BankCard'],
      TagList: [expect.any(String), expect.any(String), expect.any(String)],
    });
  });
});

describe('2 elements: name and card, no ID number', () => {
  // 李四's second card: the first holder's card meets its daily limit in the tests before these.
  const lisi = CARDHOLDERS[1];
  const two = { kind: 2, name: lisi?.name, cardNumber: lisi?.cards[1], consent: true };

  it('a verify2 session verifies name and card through FaceID BankCard2EVerification; the record says kind 2', async () => {
    const token = await client.session({ operations: ['verify2'] });
    const before = sandbox.faceid.stats.count('BankCard2EVerification');
    const res = await verify(token, two);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { id: string; card: string; outcome: unknown };
    expect(answer).toMatchObject({
      card: '439225******0033',
      outcome: { status: 'verified', charged: true, provider: { id: 'tencent-faceid', code: '0' } },
    });
    expect(sandbox.faceid.stats.count('BankCard2EVerification')).toBe(before + 1);
    const record = await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${API_KEY}` });
    expect(await record.json()).toMatchObject({ id: answer.id, kind: 2, outcome: { status: 'verified' } });
    const mismatch = await verify(token, { ...two, name: holder.name });
    expect(await mismatch.json()).toMatchObject({ outcome: { status: 'mismatch', provider: { code: '-1' } } });
  });

  it('each kind needs its own operation on the token', async () => {
    const three = await client.session({ operations: ['verify3'] });
    expect(await (await verify(three, two)).json()).toMatchObject({ error: { code: 'OPERATION_NOT_ALLOWED' } });
    const twoOnly = await client.session({ operations: ['verify2'] });
    const refused = await verify(twoOnly, verification);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'OPERATION_NOT_ALLOWED' } });
  });

  it('an ID number or phone sent with kind 2 is refused, not quietly dropped; a kind 3 without an ID is INVALID_INPUT', async () => {
    const token = await client.session({ operations: ['verify2', 'verify3'] });
    for (const extra of [{ idNumber: holder.idNumber }, { phone: holder.phone }]) {
      const res = await verify(token, { ...two, ...extra });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
      expect(body.error.code).toBe('INVALID_REQUEST');
      expect(JSON.stringify(body)).not.toContain(Object.values(extra)[0]);
    }
    const noId = await verify(token, { ...verification, idNumber: '' });
    expect(noId.status).toBe(422);
    expect(await noId.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { fields: { idNumber: ['ID_EMPTY'] } } },
    });
    const bad = await verify(token, { ...two, name: 'Bob', cardNumber: '123' });
    expect(await bad.json()).toMatchObject({
      error: {
        code: 'INVALID_INPUT',
        details: { fields: { name: ['NAME_CHARACTERS'], cardNumber: ['CARD_TOO_SHORT'] } },
      },
    });
  });

  it('the per-card daily limit applies to 2 elements too', async () => {
    const holderThree = CARDHOLDERS[2];
    const body = { ...two, name: holderThree?.name, cardNumber: holderThree?.cards[0] };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await verify(await client.session({ operations: ['verify2'] }), body)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('a BFF routing verify2 only to providers without it answers NO_PROVIDER, and `cardbind check` says why', async () => {
    const config = async (url: string) => {
      const base = await baseConfig(sandbox, url);
      return { ...base, routing: { ...base.routing, verify2: ['tencent-csec'] } };
    };
    const other = await startBff(config);
    const otherClient = new Client(other.url);
    const token = await otherClient.session({ operations: ['verify2'] });
    const res = await otherClient.post('/v1/verifications', two, {
      authorization: `Bearer ${token}`,
      'idempotency-key': idem(),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'NO_PROVIDER' } });
    const { check } = await import('../src/cli/check.js');
    const checked = await check(await config(other.url));
    expect(checked.problems).toContain('routing.verify2: tencent-csec does not offer verify2');
  });
});

describe('BIN lookup and CORS', () => {
  it('answers bank and card type for a prefix, to the token origin only', async () => {
    const token = await client.session();
    const res = await client.get('/v1/bins/622202', { authorization: `Bearer ${token}` });
    expect(await res.json()).toMatchObject({ bankCode: 'ICBC', cardType: 'DEBIT' });
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const preflight = await fetch(new URL('/v1/verifications', bff.url), {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(preflight.status).toBe(403);
    expect((await client.get('/v1/bins/62', { authorization: `Bearer ${token}` })).status).toBe(400);
  });
});
