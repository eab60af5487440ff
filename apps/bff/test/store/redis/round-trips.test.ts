import { CARDHOLDERS } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStore } from '../../../src/store/redis/store.js';
import { Client, newKey, startBff } from '../../support/bff.js';
import { startRedis } from '../../support/redis-server.js';
import { BIND_BODY, baseConfig, sendingWebhooksTo, startSandbox, VERIFY3 } from '../../support/sandbox.js';

/**
 * The verification and bind paths on Redis wait for at most three store round trips: the claim
 * (with the per-IP count and the first reads beside it), the attempt's counts (with the
 * provider's pacing slot), and the answer with everything it refers to. A round trip here is
 * one stretch of Redis commands in flight: a command sent while another awaits its answer
 * rides along; one sent once all are answered waits for a round trip of its own.
 */
class RoundTrips {
  #inFlight = 0;
  waves = 0;
  commands: string[] = [];

  constructor(readonly client: { sendCommand(args: string[]): Promise<unknown> }) {}

  send = async (args: string[]) => {
    const key = args[0]?.startsWith('EVAL') ? args[3] : args[1];
    // A webhook's delivery starts once its event is queued and runs on after the answer (the
    // query for due events, its lease, its record read, then the record marked delivered and
    // taken off the queue), maybe into the next request's: not on a request's path. (The
    // request's own event is written with SET NX and added with ZADD.) The delivery loop's
    // query also runs every second on its own, whenever it falls.
    const event = key?.includes(':event:');
    const background =
      key?.includes('event-lease:') ||
      (event && args[0] === 'GET') ||
      (event && args[0] === 'SET' && !args.includes('NX')) ||
      ((args[0] === 'ZREM' || args[0] === 'ZRANGEBYSCORE') && key?.endsWith('queue:webhooks'));
    if (background) return this.client.sendCommand(args);
    if (this.#inFlight++ === 0) this.waves++;
    this.commands.push(`${this.waves} ${args[0]} ${key?.replace(/^rt:/, '').split(':').slice(0, 2).join(':')}`);
    try {
      return await this.client.sendCommand(args);
    } finally {
      this.#inFlight--;
    }
  };

  /** The waves and commands of one request (what runs after its answer is not on its path). */
  async of(request: () => Promise<Response>) {
    this.waves = 0;
    this.commands = [];
    const res = await request();
    const waves = this.waves;
    const commands = [...this.commands];
    return { res, waves, commands, body: await res.text() };
  }
}

const redis = await startRedis();
const raw = createClient({ url: redis.url });
await raw.connect();
afterAll(() => raw.close());
const trips = new RoundTrips(raw);
const sandbox = await startSandbox();
// The merchant takes every event, verification results included: the event is on the path too.
// (It takes every delivery: one it refused would be retried, in the middle of a later request.)
const received: string[] = [];
const receiver = await listen(async (request) => {
  received.push(await request.text());
  return new Response(null, { status: 204 });
});
afterAll(() => receiver.close());
const bff = await startBff(
  async (url) => ({
    ...sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url),
    // The per-IP limit counts this header's address: it is on the path measured.
    clientIpHeader: 'x-forwarded-for',
    resultCacheSeconds: 600,
  }),
  { store: new RedisStore(trips.send, { prefix: 'rt:' }) },
);
const client = new Client(bff.url);

beforeAll(async () => {
  // Warm: Redis learns the scripts, the instance writes its day's operations entry.
  const token = await client.session();
  await client.verify(token, VERIFY3, newKey(), { 'x-forwarded-for': '203.0.113.7' });
});

describe('store round trips on Redis', () => {
  it('a verification: at most three, the per-IP, session, card and ID counts and the pacing slot among them', async () => {
    const token = await client.session();
    // Another cardholder than the warm-up's: the result cache has no answer for them.
    const li = CARDHOLDERS[1];
    const holder = { ...VERIFY3, name: li?.name, idNumber: li?.idNumber, cardNumber: li?.cards[0] };
    const run = await trips.of(() => client.verify(token, holder, newKey(), { 'x-forwarded-for': '203.0.113.8' }));
    expect(JSON.parse(run.body).outcome?.status, run.body).toBe('verified');
    expect(run.commands.some((c) => c.includes('ZADD queue:webhooks'))).toBe(true);
    const counted = run.commands.filter((c) => c.includes('limit:'));
    expect(counted.map((c) => c.split(' ')[2])).toEqual(
      expect.arrayContaining(['limit:ip', 'limit:session', 'limit:card', 'limit:id']),
    );
    expect(run.waves, run.commands.join('\n')).toBeLessThanOrEqual(3);
  });

  it('a verification the result cache answers, and its replay: at most three', async () => {
    const token = await client.session();
    const headers = { 'x-forwarded-for': '203.0.113.9' };
    await client.verify(token, VERIFY3, newKey(), headers);
    const cached = await trips.of(() => client.verify(token, VERIFY3, newKey(), headers));
    expect(JSON.parse(cached.body).cached, cached.body).toBe(true);
    expect(cached.waves, cached.commands.join('\n')).toBeLessThanOrEqual(3);
    const key = newKey();
    await client.verify(token, VERIFY3, key, headers);
    const replay = await trips.of(() => client.verify(token, VERIFY3, key, headers));
    expect(replay.res.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.waves, replay.commands.join('\n')).toBeLessThanOrEqual(3);
  });

  it('a bind order: at most three, the order written before the provider is called', async () => {
    const token = await client.session({ user: { userType: 'USER_ID', identifyId: 'rt-user' } });
    const run = await trips.of(() =>
      client.post('/v1/bind-cards', BIND_BODY, {
        authorization: `Bearer ${token}`,
        'x-forwarded-for': '203.0.113.10',
      }),
    );
    expect(run.res.status, run.body).toBe(201);
    expect(run.waves, run.commands.join('\n')).toBeLessThanOrEqual(3);
    // The order is in a wave before the ticket and the answer (which come after the provider's call).
    const wave = (pattern: string) => Number(run.commands.find((c) => c.includes(pattern))?.split(' ')[0]);
    expect(wave('order:')).toBeLessThan(wave('ticket:'));
    expect(wave('token-used:')).toBeLessThan(wave('order:'));
  });
});
