import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type IdempotencyStores, type StoredAnswer, withIdempotency } from '../src/services/idempotency.js';
import { LevelStore } from '../src/store/level.js';
import { MemoryStore } from '../src/store/memory.js';
import { StoreUnavailableError } from '../src/store/types.js';

/** Work that finishes when the test says so, counting how often it ran. */
function gatedWork() {
  let runs = 0;
  let finish: (answer: StoredAnswer) => void = () => {};
  const work = () => {
    runs++;
    return new Promise<StoredAnswer>((resolve) => {
      finish = resolve;
    });
  };
  return { work, finish: (answer: StoredAnswer) => finish(answer), runs: () => runs };
}

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: { code?: string }) => error.code,
  );

const cases: [string, () => Promise<IdempotencyStores & { close: () => Promise<void> }>][] = [
  [
    'a shared store (claims beside the answers)',
    async () => {
      const store = new MemoryStore();
      return { store, claims: store, close: async () => {} };
    },
  ],
  [
    'a store only this process opens (claims in memory, answers on disk)',
    async () => {
      const store = await new LevelStore(mkdtempSync(join(tmpdir(), 'cardbind-idem-'))).open();
      return { store, claims: new MemoryStore(), close: () => store.close() };
    },
  ],
];

describe.each(cases)('withIdempotency on %s', (_name, open) => {
  it('a second request under the key waits its turn (409 in progress), then gets the stored answer', async () => {
    const stores = await open();
    const gate = gatedWork();
    const first = withIdempotency(stores, 'shop', 'key-00000001', 'fp-a', gate.work);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(await codeOf(withIdempotency(stores, 'shop', 'key-00000001', 'fp-a', gate.work))).toBe(
      'IDEMPOTENCY_IN_PROGRESS',
    );
    expect(await codeOf(withIdempotency(stores, 'shop', 'key-00000001', 'fp-b', gate.work))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    gate.finish({ status: 200, body: { id: 'ver_1' } });
    expect(await first).toEqual({ status: 200, body: { id: 'ver_1' }, replayed: false });
    expect(await withIdempotency(stores, 'shop', 'key-00000001', 'fp-a', gate.work)).toEqual({
      status: 200,
      body: { id: 'ver_1' },
      replayed: true,
    });
    expect(await codeOf(withIdempotency(stores, 'shop', 'key-00000001', 'fp-b', gate.work))).toBe(
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(gate.runs()).toBe(1);
    await stores.close();
  });

  it('work that fails frees the key: the retry runs', async () => {
    const stores = await open();
    const failing = () => Promise.reject(new Error('provider down'));
    await expect(withIdempotency(stores, 'shop', 'key-00000002', 'fp-a', failing)).rejects.toThrow('provider down');
    const answer = await withIdempotency(stores, 'shop', 'key-00000002', 'fp-a', async () => ({
      status: 200,
      body: 'second',
    }));
    expect(answer).toEqual({ status: 200, body: 'second', replayed: false });
    await stores.close();
  });
});

describe('withIdempotency keeping an answer by reference', () => {
  it('keeps only the reference under the key, and a replay reads the body back through resolve', async () => {
    const store = new MemoryStore();
    const records = new Map<string, unknown>();
    const stores = { store, claims: new MemoryStore(), resolve: async (ref: string) => records.get(ref) };
    const body = { id: 'ver_1', outcome: { status: 'verified' } };
    const work = async (): Promise<StoredAnswer> => {
      records.set('ver_1', body);
      return { status: 200, body, ref: 'ver_1' };
    };
    expect(await withIdempotency(stores, 'shop', 'by-ref-0001', 'fp-a', work)).toEqual({
      status: 200,
      body,
      replayed: false,
    });
    const kept = JSON.parse((await store.get('idem:shop:by-ref-0001')) ?? '{}');
    expect(kept).toEqual({ fp: 'fp-a', answer: { status: 200, ref: 'ver_1' } });
    expect(await withIdempotency(stores, 'shop', 'by-ref-0001', 'fp-a', work)).toEqual({
      status: 200,
      body,
      replayed: true,
    });
    // The record the reference names is gone: the store lost part of the answer (503, retryable), and
    // nothing runs again (the provider may have charged for the first run).
    records.clear();
    let runs = 0;
    const counted = async () => ({ status: 200, body: `run ${++runs}` });
    await expect(withIdempotency(stores, 'shop', 'by-ref-0001', 'fp-a', counted)).rejects.toThrow(
      StoreUnavailableError,
    );
    expect(runs).toBe(0);
  });

  it('on a shared store, writes the reference only once the record it names is written', async () => {
    // As Redis or a Durable Object is: another instance can read what is written.
    const store = new MemoryStore();
    Object.defineProperty(store, 'shared', { value: true });
    let recordWritten = false;
    let answerFoundRecord: boolean | undefined;
    const set = store.set.bind(store);
    store.set = (key, value, ttlMs) => {
      if (key === 'idem:shop:by-ref-0003') answerFoundRecord = recordWritten;
      return set(key, value, ttlMs);
    };
    const stores = { store, claims: store, resolve: async () => 'body' };
    await withIdempotency(stores, 'shop', 'by-ref-0003', 'fp-a', async () => ({
      status: 200,
      body: 'body',
      ref: 'ver_3',
      alongside: new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
        recordWritten = true;
      }),
    }));
    expect(answerFoundRecord).toBe(true);
  });

  it('keeps the body itself when nothing can resolve a reference', async () => {
    const store = new MemoryStore();
    const stores = { store, claims: store };
    await withIdempotency(stores, 'shop', 'by-ref-0002', 'fp-a', async () => ({ status: 200, body: 'b', ref: 'r' }));
    expect(JSON.parse((await store.get('idem:shop:by-ref-0002')) ?? '{}')).toEqual({
      fp: 'fp-a',
      answer: { status: 200, body: 'b' },
    });
  });
});

describe('withIdempotency with claims in memory and answers on disk', () => {
  it('a store that fails while the key is claimed frees the claim: the retry runs', async () => {
    const store = new MemoryStore();
    const stores = { store, claims: new MemoryStore() };
    const get = store.get.bind(store);
    store.get = () => Promise.reject(new Error('disk gone'));
    const work = async () => ({ status: 200, body: 'ran' });
    await expect(withIdempotency(stores, 'shop', 'failing-0001', 'fp-a', work)).rejects.toThrow('disk gone');
    store.get = get;
    expect(await withIdempotency(stores, 'shop', 'failing-0001', 'fp-a', work)).toEqual({
      status: 200,
      body: 'ran',
      replayed: false,
    });
  });

  it('a restarted process replays what was answered, and runs again what was only in progress', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cardbind-idem-'));
    const before = { store: await new LevelStore(dir).open(), claims: new MemoryStore() };
    await withIdempotency(before, 'shop', 'answered-0001', 'fp-a', async () => ({ status: 200, body: 'stored' }));
    // Claimed, never answered: the process "dies" with the work in flight.
    void withIdempotency(before, 'shop', 'in-flight-0001', 'fp-a', () => new Promise<StoredAnswer>(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 5));
    await before.store.close();

    const after = { store: await new LevelStore(dir).open(), claims: new MemoryStore() };
    let runs = 0;
    const work = async () => ({ status: 200, body: `run ${++runs}` });
    expect(await withIdempotency(after, 'shop', 'answered-0001', 'fp-a', work)).toEqual({
      status: 200,
      body: 'stored',
      replayed: true,
    });
    expect(await codeOf(withIdempotency(after, 'shop', 'answered-0001', 'fp-b', work))).toBe('IDEMPOTENCY_KEY_REUSED');
    // No stale claim: the client's retry is answered, not told to wait for work that died.
    expect(await withIdempotency(after, 'shop', 'in-flight-0001', 'fp-a', work)).toEqual({
      status: 200,
      body: 'run 1',
      replayed: false,
    });
    expect(runs).toBe(1);
    await after.store.close();
  });
});
