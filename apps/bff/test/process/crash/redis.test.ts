import { describe, expect, it } from 'vitest';
import {
  baseConfig,
  type Child,
  Client,
  freePort,
  spawnListening,
  startSandbox,
  startWebhookReceiver,
} from '../../support/harness.js';
import { startRedis } from '../../support/redis-server.js';
import {
  checkAcknowledged,
  checkBindOrders,
  checkInDoubtTold,
  resendBinds,
  resendVerifications,
  total,
} from './checks.js';
import { crashSandbox, type KillPoint, type Sent, send, startLoad, UNLIMITED } from './workload.js';

// Two BFF instances on one real Redis. One of them, under load, is killed with SIGKILL; its
// unanswered requests are sent again to the other. While the dead instance's claims are within
// their lease they are waited for (409 in progress); once the lease has run out they are answered
// at once with what is known (OUTCOME_UNKNOWN, the order's state), never a 409 for a day and
// never a second provider call in silence.

const BFF_ENTRY = new URL('../../../dist/entries/node.js', import.meta.url).pathname;
const CLIENTS = 8;
const PROVIDER_TIMEOUT_MS = 1_000;
/** The longest lease a claim here gets: one provider's deadline and pacing, and the 5 s margin. */
const LEASE_MS = PROVIDER_TIMEOUT_MS + 200 + 5_000;

const ROUNDS: { name: string; kill: KillPoint }[] = [
  { name: 'verification at the provider', kill: { provider: 'tencent-faceid', at: 'request', nth: 10 } },
  { name: 'bind create at the provider', kill: { provider: 'aggregate-pay', at: 'request', nth: 2 } },
  { name: 'a moment under load', kill: { afterMs: 150 + Math.floor(Math.random() * 300) } },
];

const crash = await crashSandbox(startSandbox);
const receiver = await startWebhookReceiver();
const redis = await startRedis();

describe('a BFF instance killed mid-call, another alive on the same Redis', () => {
  it('its claims are waited for within their lease, then answered with what is known; never charged twice in silence', async () => {
    const port = await freePort();
    // Both instances serve one deployment: the same configuration, keys and public address.
    const config = await baseConfig(crash.sandbox, `http://127.0.0.1:${port}`);
    const [merchant] = config.merchants;
    const env = {
      CARDBIND_REDIS_URL: redis.url,
      CARDBIND_CONFIG_JSON: JSON.stringify({
        ...config,
        merchants: [{ ...merchant, webhook: { url: receiver.url, verificationResults: true } }],
        providers: { ...config.providers, 'tencent-faceid': crash.faceid },
        routing: { ...config.routing, verify3: ['tencent-faceid'] },
        providerTimeoutMs: PROVIDER_TIMEOUT_MS,
        reconcileAfterSeconds: 1,
        limits: UNLIMITED,
        webhooks: { retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 50, pollMs: 50 },
      }),
    };
    const start = async (p: number) => spawnListening(process.execPath, [BFF_ENTRY], { ...env, PORT: String(p) });
    const survivor = await start(await freePort());
    const toSurvivor = new Client(survivor.url);
    const toKilled = new Client(`http://127.0.0.1:${port}`);
    const table: Record<string, unknown>[] = [];
    const inDoubt: string[] = [];
    let killed: Child = await start(port);

    for (const round of ROUNDS) {
      const dead = crash.killAt(round.kill, () => killed.kill('SIGKILL'));
      const load = startLoad(() => toKilled, CLIENTS);
      await dead;
      const killedAt = Date.now();
      load.stop();
      await load.done;
      // At once, on the other instance: a claim the dead instance holds is within its lease.
      const early = await resendAll(toSurvivor, load.sent, crash.callsFor);
      // Once its lease has run out: answered, none in progress, no second call in silence.
      await new Promise((resolve) => setTimeout(resolve, killedAt + LEASE_MS - Date.now()));
      table.push({
        round: round.name,
        sent: load.sent.length,
        'at once: 409 in progress': early.inProgress,
        'at once: answered': early.answered,
        ...(await checkAcknowledged(toSurvivor, crash, load.sent)),
        ...(await resendVerifications(toSurvivor, crash, load.sent, inDoubt)),
        ...(await resendBinds(toSurvivor, crash, load.sent)),
      });
      killed = await start(port);
    }

    const orders = await checkBindOrders(toSurvivor, crash);
    await checkInDoubtTold(toSurvivor, inDoubt, receiver);
    console.log('\nOne of two BFF instances on Redis killed with SIGKILL under load, per round:');
    console.table(table);
    console.log('Bind orders at the provider, by state after reconciliation:', orders);
    expect(total(table, 'at once: 409 in progress')).toBeGreaterThan(0);
    expect(total(table, 'resent: OUTCOME_UNKNOWN')).toBeGreaterThan(0);
    expect(total(table, 'bind creates unanswered')).toBeGreaterThan(0);
    await Promise.all([killed.kill(), survivor.kill()]);
  }, 180_000);
});

/**
 * Sends every unanswered request again before the dead instance's leases end, without recording
 * the answers: each is a 409 (in progress, no provider call) or, for one that had made no claim,
 * an answer of its own.
 */
async function resendAll(client: Client, sent: Sent[], callsFor: (card?: string) => number) {
  let inProgress = 0;
  let answered = 0;
  for (const s of sent.filter((r) => r.status === undefined)) {
    const before = callsFor(s.card);
    const again = await send(client, { ...s, headers: { ...s.headers } });
    const code = (again.json?.error as { code?: string } | undefined)?.code;
    if (again.status === 409 && (code === 'IDEMPOTENCY_IN_PROGRESS' || code === 'BIND_IN_PROGRESS')) {
      expect(callsFor(s.card)).toBe(before);
      inProgress++;
    } else {
      expect([200, 201]).toContain(again.status);
      answered++;
    }
  }
  return { inProgress, answered };
}
