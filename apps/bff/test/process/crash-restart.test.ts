import { readdirSync } from 'node:fs';
import { compactVerify, createRemoteJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { Client, eventually } from '../support/bff.js';
import { decideAtBank, openBankPage, startWebhookReceiver } from '../support/browser.js';
import { type Child, embeddedStore, spawnNodeBff } from '../support/processes.js';
import { API_KEY, BIND_BODY, baseConfig, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const sandbox = await startSandbox({ aggregate: { notifier: { firstDelayMs: 50, maxAttempts: 40 } } });
const receiver = await startWebhookReceiver({ failing: 1_000_000 });

describe('the BFF process killed mid-bind (embedded store)', () => {
  it('the order, the idempotency record and the webhook outbox survive kill -9 and complete after restart', async () => {
    const { publicUrl, env: store } = await embeddedStore('bff');
    const config = await baseConfig(sandbox, publicUrl);
    const [merchant] = config.merchants;
    const env = {
      ...store,
      CARDBIND_CONFIG_JSON: JSON.stringify({
        ...config,
        merchants: [{ ...merchant, webhook: { url: receiver.url } }],
        // A short attempt timeout, so a lease left by the killed process expires quickly.
        webhooks: { retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 50, pollMs: 50, timeoutMs: 1_000 },
      }),
    };
    const start = () => spawnNodeBff(env);
    const client = new Client(publicUrl);

    let bff: Child = await start();
    // A verification whose answer is stored under an Idempotency-Key.
    const token = await client.session();
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': 'kill-test-0001' };
    const first = await (await client.post('/v1/verifications', verification, headers)).json();
    const providerCalls = sandbox.faceid.stats.count('BankCardVerification');

    // The cardholder is on the bank's page when the BFF dies.
    const created = (await (
      await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` })
    ).json()) as { orderNo: string; redirectUrl: string };
    const { action, ref } = await openBankPage(created.redirectUrl);
    expect(await bff.kill('SIGKILL')).toBe('SIGKILL');

    // Approved while the BFF is down: the provider's notifications are refused until it is back.
    await decideAtBank(action, ref, 'approve');
    await eventually(() => sandbox.aggregate.notifier.deliveries.some((d) => d.replied.startsWith('error')));
    bff = await start();
    await sandbox.aggregate.notifier.idle();
    expect(sandbox.aggregate.notifier.deliveries.at(-1)?.replied).toBe('OK');
    const order = await (
      await client.get(`/v1/bind-cards/${created.orderNo}`, { authorization: `Bearer ${API_KEY}` })
    ).json();
    expect(order).toMatchObject({
      orderNo: created.orderNo,
      status: 'SUCCESS',
      bindId: expect.stringMatching(/^BIND/),
    });

    // The merchant's endpoint is down: the event waits in the outbox… and the BFF is killed again.
    const eventId = `evt_${created.orderNo}_success`;
    await eventually(() => receiver.received.filter((r) => r.id === eventId).length >= 2);
    await bff.kill('SIGKILL');
    receiver.state.failing = 0;
    const before = receiver.received.length;
    bff = await start();
    const delivered = await eventually(() => receiver.received.slice(before).find((r) => r.id === eventId), 15_000);
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', publicUrl));
    const event = JSON.parse(new TextDecoder().decode((await compactVerify(delivered.jws, jwks)).payload));
    expect(event).toMatchObject({ id: eventId, type: 'bind_card.succeeded', data: { status: 'SUCCESS' } });
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.received.slice(before).filter((r) => r.id === eventId)).toHaveLength(1);

    // The stored answer outlived both restarts: no second provider call.
    const replay = await client.post('/v1/verifications', verification, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(first);
    expect(sandbox.faceid.stats.count('BankCardVerification')).toBe(providerCalls);

    expect(await bff.kill('SIGTERM')).toBe('0');
  }, 60_000);

  it('with CARDBIND_DATA_SYNC=1 every write is fsynced by LevelDB itself (no journal): an answer survives kill -9', async () => {
    const { publicUrl, env: store } = await embeddedStore('bff-sync');
    const env = {
      ...store,
      CARDBIND_DATA_SYNC: '1',
      CARDBIND_CONFIG_JSON: JSON.stringify(await baseConfig(sandbox, publicUrl)),
    };
    const client = new Client(publicUrl);
    let bff = await spawnNodeBff(env);
    const token = await client.session();
    const headers = { authorization: `Bearer ${token}`, 'idempotency-key': 'sync-test-0001' };
    const first = await (await client.post('/v1/verifications', verification, headers)).json();
    expect(readdirSync(store.CARDBIND_DATA_DIR).filter((name) => name.startsWith('cardbind-journal-'))).toEqual([]);
    await bff.kill('SIGKILL');
    bff = await spawnNodeBff(env);
    const replay = await client.post('/v1/verifications', verification, headers);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(first);
    expect(await bff.kill('SIGTERM')).toBe('0');
  });
});
