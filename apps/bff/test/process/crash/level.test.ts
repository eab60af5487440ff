import { describe, expect, it } from 'vitest';
import { Client } from '../../support/bff.js';
import { startWebhookReceiver } from '../../support/browser.js';
import { type Child, embeddedStore, spawnNodeBff } from '../../support/processes.js';
import { startSandbox } from '../../support/sandbox.js';
import { checkEnd, checkRound, total } from './checks.js';
import { crashConfig, crashSandbox, type KillPoint, startLoad } from './workload.js';

// The BFF on its embedded store (LevelDB), as `cardbind start` runs it, killed with SIGKILL at
// several points under concurrent load and restarted on the same directory, round after round.
// Each round counts what it promised: nothing acknowledged is lost, every replay is answered
// without a provider call, and no request the kill left unanswered reaches the provider a second
// time in silence; at the end, no bind order that reached the provider is left CREATED.

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
    const { publicUrl, env: store } = await embeddedStore('crash');
    const env = {
      ...store,
      CARDBIND_CONFIG_JSON: await crashConfig(crash, publicUrl, receiver.url, PROVIDER_TIMEOUT_MS),
    };
    const start = () => spawnNodeBff(env);
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
        ...(await checkRound(client, crash, load.sent, inDoubt)),
      });
    }

    // Once no create can still be running, every order the provider has is reconciled.
    await new Promise((resolve) => setTimeout(resolve, CREATE_LEASE_MS));
    await checkEnd(
      { client, crash, inDoubt, receiver, table },
      'The BFF on LevelDB killed with SIGKILL under load and restarted',
    );
    // The rounds did what they are for: requests were cut off after reaching the provider.
    expect(total(table, 'reached the provider')).toBeGreaterThan(0);
    expect(await bff.kill('SIGTERM')).toBe('0');
  }, 180_000);
});
