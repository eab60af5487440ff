import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LevelStore } from '../../src/store/level/store.js';
import { keysOn, request } from '../records/idempotency-requests.js';
import { killWhenItSays } from '../support/processes.js';

describe('idempotency keys: the claim survives kill -9 before the provider is called', () => {
  // The killed process: claims a key on LevelDB (the built store), reports that its provider is being
  // called, and never answers.
  const CHILD = `
import { LevelStore } from ${JSON.stringify(new URL('../../dist/node/serve.js', import.meta.url).pathname)};
import { IdempotencyKeys } from ${JSON.stringify(new URL('../../dist/records/idempotency.js', import.meta.url).pathname)};
const store = await new LevelStore(process.env.STORE_DIR).open();
void new IdempotencyKeys(store, Date.now).run({
  key: 'idem:shop:killed-1', ttlMs: 86_400_000, fingerprint: 'fp-a', leaseMs: 600_000, pending: { id: 'ver_9' },
  inDoubt: async () => undefined,
  work: (steps) => { steps.foreignCall(); console.log('calling the provider'); return new Promise(() => {}); },
});
setInterval(() => {}, 1_000);
`;

  it('the restarted process answers the retry with what is known at once, and never runs the work', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardbind-idem-kill-'));
    await killWhenItSays(CHILD, 'calling the provider', { STORE_DIR: dir });

    const store = await new LevelStore(dir).open();
    let runs = 0;
    const retry = request('idem:shop:killed-1', 'fp-a', async () => ({ status: 200, body: `run ${++runs}` }));
    expect(await keysOn(store).run(retry)).toEqual({
      status: 200,
      body: { id: 'ver_9', outcome: 'OUTCOME_UNKNOWN' },
      replayed: false,
    });
    expect(runs).toBe(0);
    await store.close();
  });
});
