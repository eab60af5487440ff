import { importRsaPublicKey } from '@cardbind/core/crypto';
import { createAggSigner, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { AGG_CUSTOMERS, SANDBOX_MERCHANT_RSA_PUBLIC_KEY } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { frozenNodeBff, json, type OrderAnswer, sandboxedBff } from '../support/bff.js';
import { forgedNotification } from '../support/notifications.js';
import { API_KEY } from '../support/sandbox.js';

const { sandbox, bff, client } = await sandboxedBff();

describe('POST /v1/notify/{provider}', () => {
  it('forged, replayed and unknown-order notifications change nothing', async () => {
    const token = await client.session();
    const { json } = await client.bind(token);
    const notify = (plain: Record<string, string>, key: string = AGG_CUSTOMERS.md5.md5Key) =>
      (async () => {
        const sign = await createAggSigner({ type: 'MD5', md5Key: key }).sign(plain);
        const body = JSON.stringify(
          sealEnvelope(
            { ...plain, sign },
            AGG_CUSTOMERS.md5.customerNo,
            await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY),
          ),
        );
        return fetch(new URL('/v1/notify/aggregate-pay', bff.url), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body,
        });
      })();
    const base = {
      customerNo: AGG_CUSTOMERS.md5.customerNo,
      orderNo: json.orderNo,
      errCode: '0000',
      errMessage: '成功',
    };
    const forged = await notify({ ...base, status: 'SUCCESS', bindId: 'BIND-FORGED' }, 'wrong-key');
    expect(forged.status).toBe(400);
    expect(await forged.json()).toMatchObject({ error: { code: 'NOTIFY_REJECTED' } });
    const read = async () =>
      (await (
        await client.get(`/v1/bind-cards/${json.orderNo}`, { authorization: `Bearer ${API_KEY}` })
      ).json()) as OrderAnswer;
    expect((await read()).status).toBe('PENDING');

    const genuine = await notify({ ...base, status: 'SUCCESS', bindId: 'BIND-1' });
    expect(await genuine.text()).toBe('OK');
    expect(await (await notify({ ...base, status: 'SUCCESS', bindId: 'BIND-2' })).text()).toBe('OK');
    expect(await (await notify({ ...base, status: 'FAIL' })).text()).toBe('OK');
    expect(await (await notify({ ...base, status: 'PROCESSING' })).text()).toBe('OK');
    expect(await read()).toMatchObject({ status: 'SUCCESS', bindId: 'BIND-1' });

    const unknown = await notify({ ...base, orderNo: 'BCnosuchorder0000', status: 'SUCCESS', bindId: 'X' });
    expect(unknown.status).toBe(404);
  });
});

describe('notifications', () => {
  const forged = forgedNotification;

  it('are refused before decryption when addressed to another merchant or longer than a real one', async () => {
    const { client } = await frozenNodeBff(sandbox);
    const foreign = { ...(await forged()), customerNo: 'someone-else' };
    expect((await json(await client.post('/v1/notify/aggregate-pay', foreign))).error?.code).toBe('NOTIFY_REJECTED');
    // 2,000 bytes of message: more blocks than any real notification has.
    const long = await forged({ errMessage: 'x'.repeat(2_000) });
    const res = await client.post('/v1/notify/aggregate-pay', long);
    expect([res.status, (await json(res)).error?.code]).toEqual([400, 'NOTIFY_REJECTED']);
  });

  it('are limited per client IP', async () => {
    const { client } = await frozenNodeBff(sandbox, { notifyIpPerMinute: 5 });
    const codes: (string | undefined)[] = [];
    for (let i = 0; i < 7; i++)
      codes.push((await json(await client.post('/v1/notify/aggregate-pay', await forged()))).error?.code);
    expect(codes).toEqual([...Array(5).fill('NOTIFY_REJECTED'), 'RATE_LIMITED', 'RATE_LIMITED']);
  });

  it("past this instance's decryption budget a flood gets 503 NOTIFY_BUSY with Retry-After, which providers retry", async () => {
    const { client } = await frozenNodeBff(sandbox, { notificationsPerSecond: 3 });
    const body = await forged();
    const answers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const res = await client.post('/v1/notify/aggregate-pay', body);
        return { status: res.status, code: (await json(res)).error?.code, retryAfter: res.headers.get('retry-after') };
      }),
    );
    // The clock is frozen: exactly the burst of 3 reaches decryption.
    expect(answers.filter((a) => a.code === 'NOTIFY_REJECTED')).toHaveLength(3);
    const busy = answers.filter((a) => a.code === 'NOTIFY_BUSY');
    expect(busy).toHaveLength(9);
    expect(busy.every((a) => a.status === 503 && a.retryAfter === '1')).toBe(true);
  });

  it('a made-up provider is a 404 that spends no budget', async () => {
    const { client } = await frozenNodeBff(sandbox, { notificationsPerSecond: 1 });
    for (let i = 0; i < 5; i++) expect((await client.post('/v1/notify/nobody', '{}')).status).toBe(404);
    expect((await json(await client.post('/v1/notify/aggregate-pay', await forged()))).error?.code).toBe(
      'NOTIFY_REJECTED',
    );
  });

  it('a notification over 8 KiB is refused even when its length is declared', async () => {
    const { client } = await frozenNodeBff(sandbox);
    const res = await client.post('/v1/notify/aggregate-pay', 'x'.repeat(9 * 1024));
    expect(res.status).toBe(413);
  });
});
