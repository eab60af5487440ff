import { CARDHOLDERS, SANDBOX_SM2_PUBLIC_KEY, SCENARIO_CARDS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { Client, newKey, sandboxedBff, startBff } from '../../support/bff.js';
import { baseConfig, HOLDER as holder, ORIGIN, startSandbox, VERIFY3 as verification } from '../../support/sandbox.js';

const { sandbox, bff, client } = await sandboxedBff();

describe('verifications', () => {
  it('verifies 3 and 4 elements through the sandbox', async () => {
    const token = await client.session();
    const res = await client.verify(token, verification);
    expect(res.status).toBe(200);
    const json = (await res.json()) as {
      id: string;
      card: string;
      outcome: { status: string; provider: { id: string } };
    };
    expect(json.outcome).toMatchObject({ status: 'verified', charged: true, provider: { id: 'tencent-faceid' } });
    expect(json.card).toBe('622202*********1008');
    const four = await client.verify(token, { ...verification, kind: 4, phone: holder.phone });
    expect(((await four.json()) as { outcome: { status: string } }).outcome.status).toBe('verified');
  });

  it('Idempotency-Key: same body → stored answer and no second provider call; another body → 409', async () => {
    const token = await client.session();
    const key = newKey();
    const first = (await (await client.verify(token, verification, key)).json()) as { id: string };
    const calls = sandbox.faceid.stats.requests;
    const again = await client.verify(token, verification, key);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    // Kept as a reference to the verification's record, and read back whole.
    expect(await again.json()).toEqual(first);
    expect(sandbox.faceid.stats.requests).toBe(calls);
    const other = await client.verify(token, { ...verification, name: '李四' }, key);
    expect(other.status).toBe(409);
    expect(((await other.json()) as { error: { code: string } }).error.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('bad input: field codes, consent, key, JSON, size, media type', async () => {
    const token = await client.session();
    const invalid = await client.verify(token, { ...verification, idNumber: '110105194912310021', name: 'Bob' });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { fields: { idNumber: ['ID_CHECKSUM'], name: ['NAME_CHARACTERS'] } } },
    });
    // A leading 0 is no issuer's: refused before any provider call (the sandbox is never asked).
    const calls = sandbox.faceid.stats.requests;
    const zero = await client.verify(token, { ...verification, cardNumber: '0222020000000001008' });
    expect(zero.status).toBe(422);
    expect(await zero.json()).toMatchObject({ error: { details: { fields: { cardNumber: ['CARD_ISSUER'] } } } });
    expect(sandbox.faceid.stats.requests).toBe(calls);
    expect((await client.verify(token, { ...verification, consent: false })).status).toBe(400);
    expect((await client.post('/v1/verifications', verification, { authorization: `Bearer ${token}` })).status).toBe(
      400,
    );
    expect((await client.verify(token, '{"kind":3,')).status).toBe(400);
    expect((await client.verify(token, { ...verification, name: 'x'.repeat(20_000) })).status).toBe(413);
    const text = await fetch(new URL('/v1/verifications', bff.url), {
      method: 'POST',
      headers: {
        'content-type': 'text/plain',
        origin: ORIGIN,
        authorization: `Bearer ${token}`,
        'idempotency-key': newKey(),
      },
      body: 'x',
    });
    expect(text.status).toBe(415);
  });

  it('fails over when a provider is unavailable and nothing was charged; never after a charge-unknown timeout', async () => {
    const token = await client.session();
    const busy = await client.verify(token, { ...verification, cardNumber: SCENARIO_CARDS.busy });
    const busyJson = (await busy.json()) as { outcome: { reason: string; provider: { id: string } } };
    // FaceID busy (not billed) → csec, which is busy too: the last answer stands.
    expect(busyJson.outcome).toMatchObject({ reason: 'PROVIDER_BUSY', provider: { id: 'tencent-csec' } });
    const csecBefore = sandbox.csec.stats.requests;
    const garbage = await client.verify(token, { ...verification, cardNumber: SCENARIO_CARDS.internal_error });
    expect(((await garbage.json()) as { outcome: { charged: string } }).outcome.charged).toBe('unknown');
    expect(sandbox.csec.stats.requests).toBe(csecBefore);
  });

  it('limits attempts per card per day across sessions', async () => {
    const card = CARDHOLDERS[1]?.cards[0] ?? '';
    const body = { ...verification, name: CARDHOLDERS[1]?.name, idNumber: CARDHOLDERS[1]?.idNumber, cardNumber: card };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await client.verify(await client.session(), body)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
  });

  it('limits attempts per session', async () => {
    const token = await client.session();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await client.verify(token, { ...verification, cardNumber: SCENARIO_CARDS.lost })).status);
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
      'idempotency-key': newKey(),
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

describe('verification limits', () => {
  it("a session's attempts past its limit are refused and count against nothing else: the card's daily count is the attempts that reached it", async () => {
    const frozen = Date.now();
    const limited = await sandboxedBff(
      (config) => ({ ...config, limits: { ...config.limits, sessionAttempts: 2, cardPerDay: 3, idPerDay: 100 } }),
      { now: () => frozen },
    );
    const codes = async (token: string, n: number) => {
      const answers: string[] = [];
      for (let i = 0; i < n; i++) {
        const res = await limited.client.verify(token, verification);
        const body = (await res.json()) as { outcome?: { status: string }; error?: { code: string } };
        answers.push(body.outcome?.status ?? body.error?.code ?? String(res.status));
      }
      return answers;
    };
    const first = await limited.client.session();
    expect(await codes(first, 4)).toEqual([
      'verified',
      'verified',
      'SESSION_ATTEMPTS_EXCEEDED',
      'SESSION_ATTEMPTS_EXCEEDED',
    ]);
    // The card has been asked about twice: one attempt left today, from any session.
    const second = await limited.client.session();
    expect(await codes(second, 2)).toEqual(['verified', 'CARD_DAILY_LIMIT']);
  });
});
