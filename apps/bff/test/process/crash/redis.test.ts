import { freePort } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { Client } from '../../support/bff.js';
import { startWebhookReceiver } from '../../support/browser.js';
import { type Child, spawnNodeBff } from '../../support/processes.js';
import { startRedis } from '../../support/redis-server.js';
import { startSandbox } from '../../support/sandbox.js';
import { checkEnd, checkRound, total } from './checks.js';
import { crashConfig, crashSandbox, type KillPoint, type Sent, send, startLoad } from './workload.js';

// Two BFF instances on one real Redis. One of them, under load, is killed with SIGKILL; its
// unanswered requests are sent again to the other. While the dead instance's claims are within
// their lease they are waited for (409 in progress); once the lease has run out they are answered
// at once with what is known (OUTCOME_UNKNOWN, the order's state), never a 409 for a day and
// never a second provider call in silence.

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
    const env = {
      CARDBIND_REDIS_URL: redis.url,
      CARDBIND_CONFIG_JSON: await crashConfig(crash, `http://127.0.0.1:${port}`, receiver.url, PROVIDER_TIMEOUT_MS),
    };
    const start = async (p: number) => spawnNodeBff({ ...env, PORT: String(p) });
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
        ...(await checkRound(toSurvivor, crash, load.sent, inDoubt)),
      });
      killed = await start(port);
    }

    await checkEnd(
      { client: toSurvivor, crash, inDoubt, receiver, table },
      'One of two BFF instances on Redis killed with SIGKILL under load',
    );
    expect(total(table, 'at once: 409 in progress')).toBeGreaterThan(0);
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
