import { describe, expect, it } from 'vitest';
import { healthAnswer, readinessAnswer } from '../../src/schemas.js';
import { MemoryStore } from '../../src/store/memory.js';
import { StoreUnavailableError } from '../../src/store/types.js';
import { inProcessBff } from '../support/bff.js';
import { baseConfig, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();
const config = await baseConfig(sandbox, 'http://bff.test');

/** The app on `store`, asked for `path` in process. */
async function probe(store: MemoryStore, path: '/healthz' | '/readyz') {
  const { app } = inProcessBff(config, { store });
  const res = await app.fetch(new Request(`http://bff.test${path}`));
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as unknown };
}

/** A store whose reads fail as a lost Redis connection's do. */
class DownStore extends MemoryStore {
  override async get(): Promise<string | undefined> {
    throw new StoreUnavailableError('down');
  }
}

/** A store whose reads never answer. */
class StuckStore extends MemoryStore {
  override get(): Promise<string | undefined> {
    return new Promise(() => {});
  }
}

describe('health and readiness probes', () => {
  it('/healthz answers without the store, even when the store is down', async () => {
    for (const store of [new MemoryStore(), new DownStore()]) {
      const res = await probe(store, '/healthz');
      expect(res).toMatchObject({ status: 200, body: { status: 'ok' } });
      expect(healthAnswer.parse(res.body)).toEqual({ status: 'ok' });
    }
  });

  it('/readyz is 200 while the store answers, 503 naming the check when it fails or does not answer in time', async () => {
    const ready = await probe(new MemoryStore(), '/readyz');
    expect(ready).toMatchObject({ status: 200, body: { status: 'ready', checks: { config: 'ok', store: 'ok' } } });
    expect(readinessAnswer.safeParse(ready.body).success).toBe(true);

    const down = await probe(new DownStore(), '/readyz');
    expect(down).toMatchObject({
      status: 503,
      retryAfter: '1',
      body: { status: 'unavailable', checks: { config: 'ok', store: 'unavailable' } },
    });
    const stuck = await probe(new StuckStore(), '/readyz');
    expect(stuck).toMatchObject({ status: 503, body: { status: 'unavailable', checks: { store: 'timeout' } } });
    expect(readinessAnswer.safeParse(stuck.body).success).toBe(true);
  });
});
