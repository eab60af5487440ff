import { CARDHOLDERS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { Client, newKey, sandboxedBff, startBff } from '../../support/bff.js';
import { API_KEY, baseConfig, HOLDER as holder, VERIFY3 as verification } from '../../support/sandbox.js';

const { sandbox, client } = await sandboxedBff();

describe('2 elements: name and card, no ID number', () => {
  // 李四, with his second card.
  const lisi = CARDHOLDERS[1];
  const two = { kind: 2, name: lisi?.name, cardNumber: lisi?.cards[1], consent: true };

  it('a verify2 session verifies name and card through FaceID BankCard2EVerification; the record says kind 2', async () => {
    const token = await client.session({ operations: ['verify2'] });
    const before = sandbox.faceid.stats.count('BankCard2EVerification');
    const res = await client.verify(token, two);
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { id: string; card: string; outcome: unknown };
    expect(answer).toMatchObject({
      card: '439225******0033',
      outcome: { status: 'verified', charged: true, provider: { id: 'tencent-faceid', code: '0' } },
    });
    expect(sandbox.faceid.stats.count('BankCard2EVerification')).toBe(before + 1);
    const record = await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${API_KEY}` });
    expect(await record.json()).toMatchObject({ id: answer.id, kind: 2, outcome: { status: 'verified' } });
    const mismatch = await client.verify(token, { ...two, name: holder.name });
    expect(await mismatch.json()).toMatchObject({ outcome: { status: 'mismatch', provider: { code: '-1' } } });
  });

  it('each kind needs its own operation on the token', async () => {
    const three = await client.session({ operations: ['verify3'] });
    expect(await (await client.verify(three, two)).json()).toMatchObject({ error: { code: 'OPERATION_NOT_ALLOWED' } });
    const twoOnly = await client.session({ operations: ['verify2'] });
    const refused = await client.verify(twoOnly, verification);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'OPERATION_NOT_ALLOWED' } });
  });

  it('an ID number or phone sent with kind 2 is refused, not quietly dropped; a kind 3 without an ID is INVALID_INPUT', async () => {
    const token = await client.session({ operations: ['verify2', 'verify3'] });
    for (const extra of [{ idNumber: holder.idNumber }, { phone: holder.phone }]) {
      const res = await client.verify(token, { ...two, ...extra });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: { issues: { path: string }[] } } };
      expect(body.error.code).toBe('INVALID_REQUEST');
      expect(JSON.stringify(body)).not.toContain(Object.values(extra)[0]);
    }
    const noId = await client.verify(token, { ...verification, idNumber: '' });
    expect(noId.status).toBe(422);
    expect(await noId.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', details: { fields: { idNumber: ['ID_EMPTY'] } } },
    });
    const bad = await client.verify(token, { ...two, name: 'Bob', cardNumber: '123' });
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
      statuses.push((await client.verify(await client.session({ operations: ['verify2'] }), body)).status);
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
      'idempotency-key': newKey(),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ error: { code: 'NO_PROVIDER' } });
    const { check } = await import('../../../src/cli/check.js');
    const checked = await check(await config(other.url));
    expect(checked.problems).toContain('routing.verify2: tencent-csec does not offer verify2');
  });
});
