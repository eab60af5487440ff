/**
 * Failover across clouds: FaceID first, Alibaba Cloud second for 3 elements. FaceID behind a
 * switch this test turns: answering, down behind its gateway (502, nothing sent on), throttled
 * (RequestLimitExceeded), or hanging past the deadline. Each verification is paid for once: a
 * refusal that was not billed moves on to Alibaba; a timeout may have been billed, so it stays
 * FaceID's, final; the breaker then opens and later requests go to Alibaba, until it closes.
 */
import { createHash } from 'node:crypto';
import { SCENARIO_CARDS } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import { check } from '../../src/cli/check.js';
import { Client, midMinute, startBff } from '../support/bff.js';
import { baseConfig, HOLDER, startSandbox } from '../support/sandbox.js';

type Mode = 'answering' | 'down' | 'throttled' | 'hanging';

const sandbox = await startSandbox();
const faceid = { mode: 'answering' as Mode, reached: 0 };
const faceidSwitch = await listen(async (request) => {
  faceid.reached++;
  if (faceid.mode === 'down') return new Response('<h1>502 Bad Gateway</h1>', { status: 502 });
  // What FaceID answers past its QPS (its simulator does too; here on every call, not per second).
  if (faceid.mode === 'throttled') {
    const error = { Code: 'RequestLimitExceeded', Message: '请求的次数超过了频率限制' };
    return Response.json({ Response: { Error: error, RequestId: crypto.randomUUID() } });
  }
  if (faceid.mode === 'hanging') await new Promise((resolve) => setTimeout(resolve, 5000));
  return sandbox.faceid.app.fetch(
    new Request(request.url.replace(faceidSwitchUrl(), sandbox.urls['tencent-faceid'] ?? ''), request),
  );
});
const faceidSwitchUrl = () => faceidSwitch.url;
afterThis(() => faceidSwitch.close());

describe('failover across clouds: FaceID → Alibaba Cloud and back', () => {
  it('not billed: over to Alibaba; a timeout: final; the breaker open: Alibaba; closed: FaceID again', async () => {
    const clock = { now: midMinute() };
    const bff = await startBff(
      async (url) => {
        const config = await baseConfig(sandbox, url);
        return {
          ...config,
          // FaceID's own retries of a throttled call and Alibaba's answer fit in it on a busy
          // machine (1 s did not, once, for this suite at low priority beside the browsers); the
          // hanging FaceID (5 s) is past it all the same.
          providerTimeoutMs: 2000,
          resultCacheSeconds: 0,
          providers: {
            ...config.providers,
            'tencent-faceid': { ...config.providers['tencent-faceid'], endpoint: faceidSwitch.url },
          },
          routing: { ...config.routing, verify3: ['tencent-faceid', 'alibaba-cloudauth'] },
          limits: { cardPerDay: 100, idPerDay: 100, sessionAttempts: 100 },
        } as typeof config;
      },
      { now: () => clock.now },
    );
    const client = new Client(bff.url);
    const token = await client.session();
    let n = 0;
    const verify = async (mode: Mode) => {
      // A second apart (FaceID's calls are paced at 20 a second on this clock).
      clock.now += 1000;
      faceid.mode = mode;
      const before = { faceid: faceid.reached, alibaba: sandbox.cloudauth.stats.count('verify') };
      const res = await client.verify(
        token,
        {
          kind: 3,
          name: HOLDER.name,
          idNumber: HOLDER.idNumber,
          cardNumber: HOLDER.cards[0],
          consent: true,
        },
        `cross-cloud-${n++}`,
      );
      const body = (await res.json()) as {
        outcome: { status: string; reason: string; charged: unknown; provider?: { id: string } };
      };
      return {
        outcome: body.outcome,
        reachedFaceid: faceid.reached - before.faceid,
        reachedAlibaba: sandbox.cloudauth.stats.count('verify') - before.alibaba,
      };
    };
    const byFaceid = { status: 'verified', charged: true, provider: { id: 'tencent-faceid' } };
    const byAlibaba = { status: 'verified', charged: true, provider: { id: 'alibaba-cloudauth' } };

    expect(await verify('answering')).toMatchObject({ outcome: byFaceid, reachedAlibaba: 0 });
    // Down behind its gateway: nothing reached FaceID's API, nothing billed: Alibaba answers.
    expect(await verify('down')).toMatchObject({ outcome: byAlibaba, reachedAlibaba: 1 });
    // Throttled (not billed; FaceID's own retries first): Alibaba answers.
    expect(await verify('throttled')).toMatchObject({ outcome: byAlibaba, reachedAlibaba: 1 });
    // Past the deadline: FaceID may have billed it, so it is final and Alibaba is not asked; until
    // five unavailable answers in a row (the two above count) open the circuit.
    let hangs = 0;
    while (hangs <= 5) {
      const result = await verify('hanging');
      if (result.reachedFaceid === 0) {
        // Open: FaceID is not even asked, Alibaba answers.
        expect(result).toMatchObject({ outcome: byAlibaba, reachedAlibaba: 1 });
        break;
      }
      expect(result).toMatchObject({
        outcome: { status: 'unavailable', reason: 'TIMEOUT', charged: 'unknown', provider: { id: 'tencent-faceid' } },
        reachedAlibaba: 0,
      });
      hangs++;
    }
    // Down, throttled and three timeouts: five in a row.
    expect(hangs).toBe(3);
    expect(bff.logs.some((l) => l.includes('"event":"provider.circuit_open","provider":"tencent-faceid"'))).toBe(true);
    // The circuit closes after 30 s: FaceID, answering again, has it back.
    clock.now += 31_000;
    expect(await verify('answering')).toMatchObject({ outcome: byFaceid, reachedFaceid: 1, reachedAlibaba: 0 });
  });

  it('a scenario card says the same through either cloud: a lost card is a lost card', async () => {
    const bff = await startBff(async (url) => {
      const config = await baseConfig(sandbox, url);
      return { ...config, routing: { ...config.routing, verify3: ['alibaba-cloudauth'] } } as typeof config;
    });
    const client = new Client(bff.url);
    const res = await client.verify(await client.session(), {
      kind: 3,
      name: HOLDER.name,
      idNumber: HOLDER.idNumber,
      cardNumber: SCENARIO_CARDS.lost,
      consent: true,
    });
    expect(((await res.json()) as { outcome: unknown }).outcome).toMatchObject({
      status: 'card_rejected',
      reason: 'CARD_LOST',
      charged: true,
      provider: { id: 'alibaba-cloudauth', code: '200/210' },
    });
  });
});

describe('pacing per product, as Alibaba counts it', () => {
  it("each product has its own rate: the 3-element one used up leaves the 2-element one's", async () => {
    // A clock that does not move, at the start of a half-second slot (as in the bind pacing test).
    const now = Math.floor(Date.now() / 500) * 500;
    const bff = await startBff(
      async (url) => {
        const config = await baseConfig(sandbox, url);
        return {
          ...config,
          resultCacheSeconds: 0,
          routing: { ...config.routing, verify2: ['alibaba-cloudauth'], verify3: ['alibaba-cloudauth'] },
          limits: {
            cardPerDay: 100,
            idPerDay: 100,
            sessionAttempts: 100,
            providerQps: { 'alibaba-cloudauth:verify2': 2, 'alibaba-cloudauth:verify3': 2 },
          },
        } as typeof config;
      },
      { now: () => now },
    );
    const client = new Client(bff.url);
    const token = await client.session({ operations: ['verify2', 'verify3'] });
    const card = { name: HOLDER.name, cardNumber: HOLDER.cards[0], consent: true };
    const ask = async (kind: 2 | 3) => {
      const body = kind === 3 ? { kind, ...card, idNumber: HOLDER.idNumber } : { kind, ...card };
      const res = await client.verify(token, body);
      return res.status === 200 ? ((await res.json()) as { outcome: { status: string } }).outcome.status : res.status;
    };
    const threes = await Promise.all(Array.from({ length: 3 }, () => ask(3)));
    expect([...threes].sort()).toEqual([503, 503, 'verified']);
    expect(await ask(2)).toBe('verified');
  });
});

describe('the consent names every company the routing may send the data to', () => {
  it('the session says who, from routing and providerNames; check warns when it cannot', async () => {
    const configure = async (url: string, extra: Record<string, unknown> = {}) => {
      const config = await baseConfig(sandbox, url);
      return {
        ...config,
        ...extra,
        routing: { ...config.routing, verify3: ['tencent-faceid', 'tencent-csec', 'alibaba-cloudauth'] },
      } as typeof config;
    };
    const recipients = async (bffUrl: string, operations: string[]) => {
      const client = new Client(bffUrl);
      const token = await client.session({ operations });
      const res = await client.get('/v1/session', { authorization: `Bearer ${token}` });
      return ((await res.json()) as { recipients?: unknown }).recipients;
    };
    const plain = await startBff((url) => configure(url));
    // Tencent once (FaceID and csec are one company), then Alibaba: the failover's recipient too.
    expect(await recipients(plain.url, ['verify3'])).toEqual([
      { 'zh-CN': '腾讯云', en: 'Tencent Cloud' },
      { 'zh-CN': '阿里云', en: 'Alibaba Cloud' },
    ]);
    // 4 elements may go to RZ, a company not known here: not said (the form keeps the page's words).
    expect(await recipients(plain.url, ['verify3', 'verify4'])).toBeUndefined();
    const rz = { 'zh-CN': '某认证公司', en: 'An RZ company' };
    const named = await startBff((url) => configure(url, { providerNames: { rz } }));
    expect(await recipients(named.url, ['verify4'])).toEqual([{ 'zh-CN': '腾讯云', en: 'Tencent Cloud' }, rz]);

    const unnamed = await check(await configure('http://127.0.0.1:1'));
    expect(unnamed.warnings.filter((w) => w.includes('providerNames'))).toEqual([
      "routing.verify4: a provider's company is not known, so the consent cannot name every recipient (the widget names its `provider` option instead); name it in providerNames",
    ]);
    expect(
      (await check(await configure('http://127.0.0.1:1', { providerNames: { rz } }))).warnings.join(),
    ).not.toContain('providerNames');
  });
});

describe('Alibaba Cloud on the operations page', () => {
  it('its calls, paid calls and spend at its unit price', async () => {
    const operatorKey = 'op_test_cardbind_alibaba_0123456789';
    const bff = await startBff(async (url) => {
      const config = await baseConfig(sandbox, url);
      return {
        ...config,
        routing: { ...config.routing, verify3: ['alibaba-cloudauth'] },
        operatorKeySha256: createHash('sha256').update(operatorKey).digest('hex'),
        operations: { unitPrices: { 'alibaba-cloudauth': 0.25 } },
        resultCacheSeconds: 0,
      } as typeof config;
    });
    const client = new Client(bff.url);
    const token = await client.session();
    for (const cardNumber of [HOLDER.cards[0], SCENARIO_CARDS.lost, SCENARIO_CARDS.unknown_failure]) {
      const body = { kind: 3, name: HOLDER.name, idNumber: HOLDER.idNumber, cardNumber, consent: true };
      expect((await client.verify(token, body)).status).toBe(200);
    }
    const res = await client.get('/v1/operations/summary', { authorization: `Bearer ${operatorKey}` });
    const summary = (await res.json()) as { providers: { id: string; calls: number; paid: number; spend: number }[] };
    // Verified and lost are billed; "no record" (SubCode 305) may or may not be: not counted as paid.
    expect(summary.providers.find((p) => p.id === 'alibaba-cloudauth')).toMatchObject({
      calls: 3,
      paid: 2,
      spend: 0.5,
    });
  });
});
