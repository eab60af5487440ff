import { describe, expect, it } from 'vitest';
import { IdempotencyKeys, type StoredAnswer } from '../../src/records/idempotency.js';
import { MemoryStore } from '../../src/store/memory.js';
import { StoreUnavailableError } from '../../src/store/types.js';
import {
  conflictOf,
  gatedWork,
  keysOn,
  LEASE_MS,
  request,
  sharedMemory,
  stores,
  tick,
} from './idempotency-requests.js';

describe.each(stores)('idempotency keys on %s', (_name, open) => {
  it('a second request waits its turn (in progress), another body is refused, then the answer is replayed', async () => {
    const store = await open();
    const keys = new IdempotencyKeys(store, Date.now);
    const gate = gatedWork();
    const first = keys.run(request('idem:shop:key-1', 'fp-a', gate.work));
    await tick();
    expect(await conflictOf(keys.run(request('idem:shop:key-1', 'fp-a', gate.work)))).toBe('in_progress');
    expect(await conflictOf(keys.run(request('idem:shop:key-1', 'fp-b', gate.work)))).toBe('reused');
    gate.finish({ status: 200, body: { id: 'ver_1' } });
    expect(await first).toEqual({ status: 200, body: { id: 'ver_1' }, replayed: false });
    expect(await keys.run(request('idem:shop:key-1', 'fp-a', gate.work))).toEqual({
      status: 200,
      body: { id: 'ver_1' },
      replayed: true,
    });
    expect(await conflictOf(keys.run(request('idem:shop:key-1', 'fp-b', gate.work)))).toBe('reused');
    expect(gate.runs()).toBe(1);
    await store.close?.();
  });

  it('work that fails before any foreign call frees the key: the retry runs, with any body', async () => {
    const store = await open();
    const keys = new IdempotencyKeys(store, Date.now);
    const failing = () => Promise.reject(new Error('limit reached'));
    await expect(keys.run(request('idem:shop:key-2', 'fp-a', failing))).rejects.toThrow('limit reached');
    const answer = await keys.run(request('idem:shop:key-2', 'fp-b', async () => ({ status: 200, body: 'second' })));
    expect(answer).toEqual({ status: 200, body: 'second', replayed: false });
    await store.close?.();
  });

  it('work that fails after its foreign call keeps the claim: no retry runs it again', async () => {
    const store = await open();
    let now = Date.now();
    const keys = new IdempotencyKeys(store, () => now);
    const gate = gatedWork();
    const first = keys.run(request('idem:shop:key-3', 'fp-a', gate.work));
    await tick();
    gate.fail(new StoreUnavailableError('the answer could not be written'));
    await expect(first).rejects.toThrow(StoreUnavailableError);
    // The owner lives and its lease runs: wait.
    const retry = request('idem:shop:key-3', 'fp-a', gate.work);
    expect(await conflictOf(keys.run(retry))).toBe('in_progress');
    // The lease is over: what is known, at once, and that is the key's answer from now on.
    now += LEASE_MS;
    const known = { status: 200, body: { id: 'ver_1', outcome: 'OUTCOME_UNKNOWN' } };
    expect(await keys.run(retry)).toEqual({ ...known, replayed: false });
    expect(await keys.run(retry)).toEqual({ ...known, replayed: true });
    expect(retry.inDoubtCalls()).toBe(1);
    expect(gate.runs()).toBe(1);
    await store.close?.();
  });

  it('a claim with nothing done abroad is taken over when its lease runs out: the work runs (once)', async () => {
    const store = await open();
    let now = Date.now();
    const keys = new IdempotencyKeys(store, () => now);
    const stuck = gatedWork(false);
    void keys.run(request('idem:shop:key-4', 'fp-a', stuck.work)).catch(() => undefined);
    await tick();
    now += LEASE_MS;
    let runs = 0;
    const retry = request('idem:shop:key-4', 'fp-a', async () => ({ status: 200, body: `run ${++runs}` }), {
      inDoubt: async () => undefined,
    });
    expect(await keys.run(retry)).toEqual({ status: 200, body: 'run 1', replayed: false });
    expect(runs).toBe(1);
    // The first owner wakes up after its lease: the key has one answer, the retry's.
    stuck.finish({ status: 200, body: 'late' });
    expect(await keys.run(retry)).toEqual({ status: 200, body: 'run 1', replayed: true });
    await store.close?.();
  });

  it('an owner that answers after its lease was given up gets the answer the key kept', async () => {
    const store = await open();
    let now = Date.now();
    const keys = new IdempotencyKeys(store, () => now);
    const gate = gatedWork();
    const first = keys.run(request('idem:shop:key-5', 'fp-a', gate.work));
    await tick();
    now += LEASE_MS;
    const known = { status: 200, body: { id: 'ver_1', outcome: 'OUTCOME_UNKNOWN' } };
    expect(await keys.run(request('idem:shop:key-5', 'fp-a', gate.work))).toEqual({ ...known, replayed: false });
    gate.finish({ status: 200, body: { id: 'ver_1', outcome: 'VERIFIED' } });
    expect(await first).toEqual({ ...known, replayed: true });
    await store.close?.();
  });
});

describe('idempotency keys: who holds a claim', () => {
  it('on a shared store, another instance’s claim is waited for until its lease ends', async () => {
    let now = Date.now();
    const store = sharedMemory(() => now);
    const other = new IdempotencyKeys(store, () => now, 'instance-a');
    const keys = new IdempotencyKeys(store, () => now, 'instance-b');
    void other.run(request('idem:shop:key-6', 'fp-a', gatedWork().work));
    await tick();
    const retry = keys.run(request('idem:shop:key-6', 'fp-a', gatedWork().work));
    await expect(retry).rejects.toMatchObject({ reason: 'in_progress', retryAfter: LEASE_MS / 1000 });
    now += LEASE_MS - 2_500;
    await expect(keys.run(request('idem:shop:key-6', 'fp-a', gatedWork().work))).rejects.toMatchObject({
      retryAfter: 3,
    });
    now += 2_500;
    const late = request('idem:shop:key-6', 'fp-a', gatedWork().work);
    expect((await keys.run(late)).body).toEqual({ id: 'ver_1', outcome: 'OUTCOME_UNKNOWN' });
  });

  it('on a store only one process opens, another owner’s claim was left by a process that died: answered at once', async () => {
    const store = new MemoryStore();
    const dead = new IdempotencyKeys(store, Date.now, 'a-process-that-died');
    void dead.run(request('idem:shop:key-7', 'fp-a', gatedWork().work));
    await tick();
    const keys = new IdempotencyKeys(store, Date.now, 'this-process');
    const retry = request('idem:shop:key-7', 'fp-a', gatedWork().work);
    expect((await keys.run(retry)).body).toEqual({ id: 'ver_1', outcome: 'OUTCOME_UNKNOWN' });
    expect(retry.inDoubtCalls()).toBe(1);
  });

  it('a claim its owner left is settled whatever the next body: run again if nothing was done abroad, else kept', async () => {
    const store = new MemoryStore();
    const dead = new IdempotencyKeys(store, Date.now, 'a-process-that-died');
    const keys = new IdempotencyKeys(store, Date.now, 'this-process');
    void dead.run(request('token-used:bind:jti-2', 'fp-a', gatedWork(false).work));
    void dead.run(request('token-used:bind:jti-3', 'fp-a', gatedWork(true).work));
    await tick();
    const fresh = request('token-used:bind:jti-2', 'fp-b', async () => ({ status: 201, body: 'order 2' }), {
      inDoubt: async () => undefined,
    });
    expect(await keys.run(fresh)).toEqual({ status: 201, body: 'order 2', replayed: false });
    // The provider may have been reached for jti-3: another body is refused, and the left claim now has its answer.
    const other = request('token-used:bind:jti-3', 'fp-b', gatedWork().work);
    expect(await conflictOf(keys.run(other))).toBe('reused');
    const same = request('token-used:bind:jti-3', 'fp-a', gatedWork().work);
    expect(await keys.run(same)).toEqual({
      status: 200,
      body: { id: 'ver_1', outcome: 'OUTCOME_UNKNOWN' },
      replayed: true,
    });
    expect(other.inDoubtCalls() + same.inDoubtCalls()).toBe(1);
  });

  it('records from before leases: an in-progress marker waits, a bare marker matches no body', async () => {
    const store = new MemoryStore();
    const keys = new IdempotencyKeys(store, Date.now);
    await store.set('idem:shop:old-1', JSON.stringify({ fp: 'fp-a', answer: '"in-progress"' }), 60_000);
    await store.set('token-used:bind:jti-1', '1', 60_000);
    const work = gatedWork().work;
    expect(await conflictOf(keys.run(request('idem:shop:old-1', 'fp-a', work)))).toBe('in_progress');
    expect(await conflictOf(keys.run(request('token-used:bind:jti-1', 'fp-a', work)))).toBe('reused');
  });
});

describe('idempotency keys keeping an answer by reference', () => {
  it('keeps only the reference under the key, and a replay reads the body back through resolve', async () => {
    const store = new MemoryStore();
    const records = new Map<string, unknown>();
    const body = { id: 'ver_1', outcome: { status: 'verified' } };
    const work = async (): Promise<StoredAnswer> => {
      records.set('ver_1', body);
      return { status: 200, body, ref: 'ver_1' };
    };
    const req = request('idem:shop:by-ref-1', 'fp-a', work, { resolve: async (ref: string) => records.get(ref) });
    expect(await keysOn(store).run(req)).toEqual({ status: 200, body, replayed: false });
    const kept = JSON.parse((await store.get('idem:shop:by-ref-1')) ?? '{}');
    expect(kept).toEqual({ fp: 'fp-a', answer: { status: 200, ref: 'ver_1' } });
    expect(await keysOn(store).run(req)).toEqual({ status: 200, body, replayed: true });
    // The record the reference names is gone: the store lost part of the answer (503, retryable), and
    // nothing runs again (the provider may have charged for the first run).
    records.clear();
    let runs = 0;
    const counted = request('idem:shop:by-ref-1', 'fp-a', async () => ({ status: 200, body: `run ${++runs}` }), {
      resolve: async (ref: string) => records.get(ref),
    });
    await expect(keysOn(store).run(counted)).rejects.toThrow(StoreUnavailableError);
    expect(runs).toBe(0);
  });

  it('on a shared store, writes the reference only once the record it names is written', async () => {
    const store = sharedMemory();
    let recordWritten = false;
    let answerFoundRecord: boolean | undefined;
    const compareAndSet = store.compareAndSet.bind(store);
    store.compareAndSet = (key, expected, next, ttlMs) => {
      if (next.includes('"ref"')) answerFoundRecord = recordWritten;
      return compareAndSet(key, expected, next, ttlMs);
    };
    const work = async () => ({
      status: 200,
      body: 'body',
      ref: 'ver_3',
      alongside: new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
        recordWritten = true;
      }),
    });
    await keysOn(store).run(request('idem:shop:by-ref-3', 'fp-a', work, { resolve: async () => 'body' }));
    expect(answerFoundRecord).toBe(true);
  });

  it('keeps the body itself when nothing can resolve a reference', async () => {
    const store = new MemoryStore();
    const work = async () => ({ status: 200, body: 'b', ref: 'r' });
    await keysOn(store).run(request('idem:shop:by-ref-2', 'fp-a', work));
    expect(JSON.parse((await store.get('idem:shop:by-ref-2')) ?? '{}')).toEqual({
      fp: 'fp-a',
      answer: { status: 200, body: 'b' },
    });
  });
});

describe('idempotency keys on a store that applies writes in the order they are sent', () => {
  const orderedMemory = () => Object.assign(sharedMemory(), { ordered: true });

  it('sends the answer right behind the writes it refers to, without waiting for them', async () => {
    const store = orderedMemory();
    let recordWritten = false;
    let answerSentBeforeRecord: boolean | undefined;
    const compareAndSet = store.compareAndSet.bind(store);
    store.compareAndSet = (key, expected, next, ttlMs) => {
      if (next.includes('"ref"')) answerSentBeforeRecord = !recordWritten;
      return compareAndSet(key, expected, next, ttlMs);
    };
    const work = async () => ({
      status: 200,
      body: 'body',
      ref: 'ver_4',
      alongside: new Promise((resolve) => setTimeout(resolve, 20)).then(() => {
        recordWritten = true;
      }),
    });
    const answer = await keysOn(store).run(
      request('idem:shop:ordered-1', 'fp-a', work, { resolve: async () => 'body' }),
    );
    expect(answer.replayed).toBe(false);
    // Sent at once (one round trip with the record); answered only once the record was too.
    expect(answerSentBeforeRecord).toBe(true);
    expect(recordWritten).toBe(true);
  });

  it('a write the answer refers to that fails puts the claim back: the retry answers what is known', async () => {
    const store = orderedMemory();
    let now = Date.now();
    const keys = new IdempotencyKeys(store, () => now);
    const work = async (steps: { foreignCall(): void }) => {
      steps.foreignCall();
      return { status: 201, body: 'the way to the bank', alongside: Promise.reject(new StoreUnavailableError('x')) };
    };
    await expect(keys.run(request('idem:shop:ordered-2', 'fp-a', work))).rejects.toThrow(StoreUnavailableError);
    const kept = JSON.parse((await store.get('idem:shop:ordered-2')) ?? '{}');
    expect(kept.claim?.pending).toBeDefined();
    expect(kept.answer).toBeUndefined();
    now += LEASE_MS;
    const retry = await keys.run(request('idem:shop:ordered-2', 'fp-a', work));
    // The request's inDoubt answer (idempotency-requests.ts), never its work again.
    expect(retry.status).not.toBe(201);
  });
});

describe('idempotency keys with an admission sent beside the claim', () => {
  it('a refused admission frees the claim it was sent with and is the answer; no work runs', async () => {
    const store = sharedMemory();
    let runs = 0;
    const work = async () => {
      runs++;
      return { status: 200, body: 'ran' };
    };
    const refused = Promise.reject(new Error('RATE_LIMITED'));
    refused.catch(() => undefined);
    await expect(keysOn(store).run(request('idem:shop:admit-1', 'fp-a', work, { admitted: refused }))).rejects.toThrow(
      'RATE_LIMITED',
    );
    expect(runs).toBe(0);
    expect(JSON.parse((await store.get('idem:shop:admit-1')) ?? '{}')).toEqual({ released: true });
    // The key is free for the next request.
    const next = await keysOn(store).run(request('idem:shop:admit-1', 'fp-b', work, { admitted: Promise.resolve() }));
    expect(next).toEqual({ status: 200, body: 'ran', replayed: false });
  });
});
