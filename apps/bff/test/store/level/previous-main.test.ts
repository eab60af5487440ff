import { ClassicLevel } from 'classic-level';
import { compactVerify, createRemoteJWKSet } from 'jose';
import { describe, expect, it } from 'vitest';
import { keys } from '../../../src/store/keys.js';
import { CURRENT_FORMAT, FORMAT, VALUE } from '../../../src/store/level/layout.js';
import { LevelStore } from '../../../src/store/level/store.js';
import { Client, eventually, startBff } from '../../support/bff.js';
import { startWebhookReceiver } from '../../support/browser.js';
import { written } from '../../support/pii.js';
import { API_KEY, baseConfig, sendingWebhooksTo, startSandbox, VERIFY3 } from '../../support/sandbox.js';
import fixture from './fixtures/previous-main.json' with { type: 'json' };
import { directory } from './raw.js';

// A data directory the BFF of the previous main wrote (fixtures/make.mjs made it, fixtures/
// previous-main.json holds it raw): this build opens it as it is and answers from it: the
// verification and its Idempotency-Key's answer, the live bind order and its bank ticket, both
// time indexes, and the webhook the outbox still owed.

const dir = directory();
written.storeDirs.add(dir);
const raw = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
await raw.batch(fixture.entries.map(([key, value]) => ({ type: 'put' as const, key: `${key}`, value: `${value}` })));
await raw.close();

// Its clock: a little after the previous build stopped (the order is not yet due for
// reconciliation; the webhook's next attempt is due).
const now = () => fixture.madeAt + 20_000;
const store = await new LevelStore(dir, { now }).open();
const sandbox = await startSandbox();
const receiver = await startWebhookReceiver();
const bff = await startBff(
  async (url) => {
    // The same merchant and API key; its webhook endpoint is up now.
    const config = sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url);
    return {
      ...config,
      signingKeys: fixture.config.signingKeys as typeof config.signingKeys,
      fingerprintSecret: fixture.config.fingerprintSecret,
    };
  },
  { store, now },
);
const client = new Client(bff.url);
const merchant = { authorization: `Bearer ${API_KEY}` };
const { verification, order } = fixture;
const minutes = (n: number) => new Date(fixture.madeAt + n * 60_000).toISOString();

describe(`a LevelDB directory written by the previous main (${fixture.commit.slice(0, 7)})`, () => {
  it('is opened as it is: the format it was written in is the one this build writes', async () => {
    expect(fixture.entries.find(([key]) => key === FORMAT)?.[1]).toBe(CURRENT_FORMAT);
    const { id, card, outcome } = verification;
    const read = await client.get(`/v1/verifications/${id}`, merchant);
    expect(await read.json()).toMatchObject({ id, card, kind: 3, outcome });
  });

  it("the Idempotency-Key's answer is replayed, with no provider call", async () => {
    const token = await client.session();
    const calls = sandbox.faceid.stats.count('BankCardVerification');
    const replay = await client.verify(token, VERIFY3, fixture.idempotencyKey);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(verification);
    expect(sandbox.faceid.stats.count('BankCardVerification')).toBe(calls);
  });

  it('the bind order is live, and its one-time way to the bank still opens', async () => {
    const read = await client.get(`/v1/bind-cards/${order.orderNo}`, merchant);
    expect(await read.json()).toMatchObject({ orderNo: order.orderNo, status: 'PENDING', bankCode: 'ICBC' });
    const [ticketKey] = fixture.entries
      .map(([key]) => `${key}`)
      .filter((key) => key.startsWith(VALUE + keys.ticket('')));
    const ticket = await fetch(new URL(`/r/${ticketKey?.slice((VALUE + keys.ticket('')).length)}`, bff.url));
    expect(ticket.status).toBe(200);
    expect(await ticket.text()).toContain('method="post"');
  });

  it('both time indexes list what was made', async () => {
    const window = `createdFrom=${minutes(-1)}&createdTo=${minutes(1)}`;
    const verifications = await client.get(`/v1/verifications?${window}`, merchant);
    expect(await verifications.json()).toMatchObject({ data: [{ id: verification.id }], hasMore: false });
    const orders = await client.get(`/v1/bind-cards?${window}`, merchant);
    expect(await orders.json()).toMatchObject({ data: [{ orderNo: order.orderNo }], hasMore: false });
  });

  it('the outbox delivers the webhook it still owed, signed with the same key', async () => {
    const [eventId] = fixture.events;
    const delivered = await eventually(() => receiver.received.find((r) => r.id === eventId && r.accepted));
    const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', bff.url));
    const { payload } = await compactVerify(delivered.jws, jwks);
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      id: eventId,
      type: 'verification.completed',
      data: { id: verification.id, outcome: { status: 'verified' } },
    });
  });
});
