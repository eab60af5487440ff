import { fetchTransport, type Transport } from '@cardbind/core/contract';
import { describe, expect, it } from 'vitest';
import { Client, startBff } from '../support/bff.js';
import { type Child, spawnListening } from '../support/processes.js';
import { BIND_BODY, baseConfig, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const FAULTY = new URL('../support/fixtures/faulty-upstream.mjs', import.meta.url).pathname;

const sandbox = await startSandbox();
const upstreams: Record<string, Child> = {};
for (const mode of ['gateway', 'error500', 'garbage', 'hang', 'dead']) {
  upstreams[mode] = await spawnListening(process.execPath, [FAULTY, mode === 'dead' ? 'gateway' : mode]);
}
await upstreams.dead?.kill('SIGKILL');
const upstreamCount = async (mode: string) => Number(await (await fetch(`${upstreams[mode]?.url}/__count`)).text());

describe('a provider that times out, answers 5xx or garbage (its own process)', () => {
  /** A BFF whose first verify3 provider (csec) is the faulty one, FaceID (the sandbox) second. */
  async function bffBehind(mode: string) {
    const bff = await startBff(async (url) => {
      const config = await baseConfig(sandbox, url);
      return {
        ...config,
        // Long enough that the answering provider (after the faulty one) is never cut off on a
        // machine busy with other suites; the hanging one is cut off all the same.
        providerTimeoutMs: 1000,
        providers: {
          ...config.providers,
          'tencent-csec': { ...config.providers['tencent-csec'], endpoint: upstreams[mode]?.url },
        },
        routing: { ...config.routing, verify3: ['tencent-csec', 'tencent-faceid'] },
        limits: { cardPerDay: 100, sessionAttempts: 100 },
      } as typeof config;
    });
    const client = new Client(bff.url);
    const token = await client.session();
    let n = 0;
    return async () => {
      const faceidBefore = sandbox.faceid.stats.count('BankCardVerification');
      const started = Date.now();
      const res = await client.post('/v1/verifications', verification, {
        authorization: `Bearer ${token}`,
        'idempotency-key': `fault-${mode}-${n++}`,
      });
      const body = (await res.json()) as {
        outcome: { status: string; reason: string; charged: unknown; provider?: { id: string } };
      };
      return {
        status: res.status,
        body,
        ms: Date.now() - started,
        faceidCalls: sandbox.faceid.stats.count('BankCardVerification') - faceidBefore,
      };
    };
  }

  it('a gateway 502 was not charged: fails over to the next provider, and the breaker then skips the dead one', async () => {
    const verify = await bffBehind('gateway');
    const first = await verify();
    expect(first).toMatchObject({
      status: 200,
      faceidCalls: 1,
      body: { outcome: { status: 'verified', provider: { id: 'tencent-faceid' } } },
    });
    for (let i = 0; i < 6; i++) await verify();
    const reached = await upstreamCount('gateway');
    expect(reached).toBe(5); // the breaker opened after 5 consecutive failures
    expect((await verify()).body.outcome.status).toBe('verified');
    expect(await upstreamCount('gateway')).toBe(reached);
  });

  for (const [mode, reason] of [
    ['error500', 'PROVIDER_RESPONSE_INVALID'],
    ['garbage', 'PROVIDER_RESPONSE_INVALID'],
    ['hang', 'TIMEOUT'],
  ] as const) {
    it(`${mode}: may have been charged, so a clean "unavailable" and no second provider`, async () => {
      const verify = await bffBehind(mode);
      const result = await verify();
      expect(result).toMatchObject({
        status: 200,
        faceidCalls: 0,
        body: { outcome: { status: 'unavailable', reason, charged: 'unknown', provider: { id: 'tencent-csec' } } },
      });
      expect(result.ms).toBeLessThan(3_000);
      expect(await upstreamCount(mode)).toBeGreaterThanOrEqual(1);
    });
  }

  it('a provider process that is gone (connection refused): failover, nothing charged', async () => {
    const verify = await bffBehind('dead');
    expect(await verify()).toMatchObject({ status: 200, faceidCalls: 1, body: { outcome: { status: 'verified' } } });
  });
});

describe("a provider call's deadline ends with the call", () => {
  it('the signal of a call that answered is never aborted later (its timer was cleared, not left to fire)', async () => {
    const signals: AbortSignal[] = [];
    const send = fetchTransport();
    const watching: Transport = (url, request) => {
      signals.push(request.signal);
      return send(url, request);
    };
    // A deadline no answering call comes near, even on a machine busy with other suites: what is
    // tested is that its timer goes with the call, not how fast the call is.
    const bff = await startBff(async (url) => ({ ...(await baseConfig(sandbox, url)), providerTimeoutMs: 2000 }), {
      providerTransport: watching,
    });
    const client = new Client(bff.url);
    const token = await client.session();
    const verified = await client.post('/v1/verifications', verification, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'deadline-0001',
    });
    expect(((await verified.json()) as { outcome: { status: string } }).outcome.status).toBe('verified');
    const bind = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    expect(bind.status).toBe(201);
    expect(signals).toHaveLength(2);
    // Past both deadlines: a timer left running would have aborted both by now.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(signals.map((signal) => signal.aborted)).toEqual([false, false]);
  });
});
