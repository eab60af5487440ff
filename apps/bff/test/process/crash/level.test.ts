import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import { written } from '../../support/pii.js';
import {
  checkAcknowledged,
  checkBindOrders,
  checkInDoubtTold,
  resendBinds,
  resendVerifications,
  total,
} from './checks.js';
import { crashSandbox, type KillPoint, startLoad, UNLIMITED } from './workload.js';

// The BFF on its embedded store (LevelDB), as `cardbind start` runs it, killed with SIGKILL at
// several points under concurrent load and restarted on the same directory, round after round.
// Each round counts what it promised: nothing acknowledged is lost, every replay is answered
// without a provider call, and no request the kill left unanswered reaches the provider a second
// time in silence; at the end, no bind order that reached the provider is left CREATED.

const BFF_ENTRY = new URL('../../../dist/entries/node.js', import.meta.url).pathname;
const CLIENTS = 12;
const PROVIDER_TIMEOUT_MS = 2_000;
/** How long a bind create may hold its token (the provider deadline and the lease margin): then it is reconciled. */
const CREATE_LEASE_MS = PROVIDER_TIMEOUT_MS + 5_000;

const ROUNDS: { name: string; kill: KillPoint }[] = [
  { name: 'verification at the provider', kill: { provider: 'tencent-faceid', at: 'request', nth: 15 } },
  { name: 'verification just answered', kill: { provider: 'tencent-faceid', at: 'answer', nth: 15 } },
  { name: 'bind create at the provider', kill: { provider: 'aggregate-pay', at: 'request', nth: 3 } },
  { name: 'bind create just answered', kill: { provider: 'aggregate-pay', at: 'answer', nth: 3 } },
  { name: 'a moment under load', kill: { afterMs: 150 + Math.floor(Math.random() * 300) } },
];

const crash = await crashSandbox(startSandbox);
const receiver = await startWebhookReceiver();

describe('the BFF killed mid-call on its embedded store', () => {
  it('never charges twice in silence, loses nothing acknowledged, and strands no bind order', async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    const dataDir = mkdtempSync(join(tmpdir(), 'cardbind-crash-'));
    written.storeDirs.add(dataDir);
    const config = await baseConfig(crash.sandbox, publicUrl);
    const [merchant] = config.merchants;
    const env = {
      PORT: String(port),
      CARDBIND_DATA_DIR: dataDir,
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
    const start = () => spawnListening(process.execPath, [BFF_ENTRY], env);
    const client = new Client(publicUrl);
    const table: Record<string, unknown>[] = [];
    const inDoubt: string[] = [];
    let bff: Child = await start();

    for (const round of ROUNDS) {
      const killed = crash.killAt(round.kill, () => bff.kill('SIGKILL'));
      const load = startLoad(() => client, CLIENTS);
      await killed;
      load.stop();
      await load.done;
      bff = await start();
      table.push({
        round: round.name,
        sent: load.sent.length,
        ...(await checkAcknowledged(client, crash, load.sent)),
        ...(await resendVerifications(client, crash, load.sent, inDoubt)),
        ...(await resendBinds(client, crash, load.sent)),
      });
    }

    // Once no create can still be running, every order the provider has is reconciled.
    await new Promise((resolve) => setTimeout(resolve, CREATE_LEASE_MS));
    const orders = await checkBindOrders(client, crash);
    await checkInDoubtTold(client, inDoubt, receiver);
    console.log('\nThe BFF on LevelDB killed with SIGKILL under load and restarted, per round:');
    console.table(table);
    console.log('Bind orders at the provider, by state after reconciliation:', orders);
    // The rounds did what they are for: requests were cut off after reaching the provider.
    expect(total(table, 'reached the provider')).toBeGreaterThan(0);
    expect(total(table, 'resent: OUTCOME_UNKNOWN')).toBeGreaterThan(0);
    expect(total(table, 'bind creates unanswered')).toBeGreaterThan(0);
    expect(await bff.kill('SIGTERM')).toBe('0');
  }, 180_000);
});
