/**
 * Who may take the notification budget: a provider's `notifyFrom` addresses only (others refused
 * before any crypto), or, without the list, each sender its fair share; and an order whose
 * notification may have been refused is reconciled at its next read instead of a minute later.
 */
import { describe, expect, it } from 'vitest';
import { Client, eventually, json, midMinute, type OrderAnswer, sandboxedBff, startNodeBff } from '../support/bff.js';
import { decideAtBank, openBankPage } from '../support/browser.js';
import { forgedNotification } from '../support/notifications.js';
import { API_KEY, baseConfig } from '../support/sandbox.js';

const { sandbox } = await sandboxedBff();

/** A Node BFF whose clock the test moves; client IPs from X-Forwarded-For, so a test can be several senders. */
async function bffAt(limits: Record<string, number>, extra: Record<string, unknown> = {}) {
  const clock = { now: midMinute() };
  const started = await startNodeBff(
    async (url) => {
      const config = await baseConfig(sandbox, url);
      return { ...config, ...extra, clientIpHeader: 'x-forwarded-for', limits: { ...config.limits, ...limits } };
    },
    { now: () => clock.now },
  );
  const client = new Client(started.url);
  const notify = async (from: string) => {
    const res = await client.post('/v1/notify/aggregate-pay', await forgedNotification(), { 'x-forwarded-for': from });
    return (await json(res)).error?.code;
  };
  return { clock, client, notify };
}

describe('notification senders', () => {
  it('with notifyFrom, any other address is refused (403) before the budget; the provider keeps all of it', async () => {
    const { notify } = await bffAt(
      { notificationsPerSecond: 1 },
      { notifyFrom: { 'aggregate-pay': ['203.0.113.0/24'] } },
    );
    for (let i = 0; i < 20; i++) expect(await notify(`198.51.100.${i}`)).toBe('NOTIFY_SOURCE_NOT_ALLOWED');
    // The flood spent nothing: the provider's one notification this second reaches decryption.
    expect(await notify('203.0.113.9')).toBe('NOTIFY_REJECTED');
  });

  it('without it, one sender flooding cannot take the share of another', async () => {
    const { clock, notify } = await bffAt({ notificationsPerSecond: 4, notifyIpPerMinute: 100_000 });
    const quiet: (string | undefined)[] = [];
    let flood = 0;
    for (let second = 0; second < 6; second++) {
      clock.now += 1000;
      // 20 from the flood first, then the quiet sender's one.
      for (let i = 0; i < 20; i++) if ((await notify('198.51.100.7')) === 'NOTIFY_REJECTED') flood++;
      quiet.push(await notify('203.0.113.9'));
    }
    // The first second the flood had it all (the quiet sender was not known yet); from then on the
    // quiet one's notification is decrypted (and refused for its wrong signature), never shed,
    // and the flood gets its half: 2 a second.
    expect(quiet.slice(1)).toEqual(Array(5).fill('NOTIFY_REJECTED'));
    expect(flood).toBe(4 + 5 * 2);
  });

  it('an order whose notification was shed is reconciled at its next read, not after reconcileAfterSeconds', async () => {
    const { clock, client, notify } = await bffAt({ notificationsPerSecond: 1, notifyIpPerMinute: 100_000 });
    const token = await client.session();
    const { json: order } = await client.bind(token);
    const read = async () =>
      (await (
        await client.get(`/v1/bind-cards/${order.orderNo}`, { authorization: `Bearer ${API_KEY}` })
      ).json()) as OrderAnswer;
    // The bank approves; its notification finds the budget spent (the clock does not move) and is shed.
    expect(await notify('198.51.100.7')).toBe('NOTIFY_REJECTED');
    const bank = await openBankPage(order.redirectUrl ?? '');
    await decideAtBank(bank.action, bank.ref, 'approve');
    // Within the same second (reconcileAfterSeconds is 60), the read asks the provider.
    expect(await eventually(async () => (await read()).status === 'SUCCESS')).toBe(true);
    // The budget refills; the bank's retried notification is then acknowledged and changes nothing.
    clock.now += 2000;
    await sandbox.aggregate.notifier.idle();
    expect((await read()).status).toBe('SUCCESS');
  });
});
