import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  IdempotencyConflict,
  IdempotencyKeys,
  type IdempotentRequest,
  type StoredAnswer,
} from '../../src/records/idempotency.js';
import { LevelStore } from '../../src/store/level/store.js';
import { MemoryStore } from '../../src/store/memory.js';
import type { Store } from '../../src/store/types.js';

export const LEASE_MS = 10_000;

/** Work that finishes when the test says so, counting how often it ran; `foreign` calls the provider first. */
export function gatedWork(foreign = true) {
  let runs = 0;
  let finish: (answer: StoredAnswer) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const work: IdempotentRequest<unknown>['work'] = (steps) => {
    runs++;
    if (foreign) steps.foreignCall();
    return new Promise<StoredAnswer>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { work, finish: (a: StoredAnswer) => finish(a), fail: (e: Error) => fail(e), runs: () => runs };
}

/** A request under `key` with body fingerprint `fp`; `inDoubt` answers 'unknown' and counts its calls. */
export function request(key: string, fp: string, work: IdempotentRequest<{ id: string }>['work'], extra = {}) {
  const inDoubt = { calls: 0 };
  const req: IdempotentRequest<{ id: string }> & { inDoubtCalls: () => number } = {
    key,
    ttlMs: 86_400_000,
    fingerprint: fp,
    leaseMs: LEASE_MS,
    pending: { id: 'ver_1' },
    work,
    inDoubt: async (pending) => {
      inDoubt.calls++;
      return { status: 200, body: { id: pending.id, outcome: 'OUTCOME_UNKNOWN' } };
    },
    inDoubtCalls: () => inDoubt.calls,
    ...extra,
  };
  return req;
}

export const conflictOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: unknown) => (error instanceof IdempotencyConflict ? error.reason : String(error)),
  );

export const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A memory store that says it is shared, as Redis and Durable Objects do. */
export function sharedMemory(now: () => number = Date.now): Store {
  const store = new MemoryStore(now);
  Object.defineProperty(store, 'shared', { value: true });
  return store;
}

export const stores: [string, () => Promise<Store & { close?: () => Promise<void> }>][] = [
  ['a shared store', async () => sharedMemory()],
  [
    'a store only this process opens (LevelDB)',
    () => new LevelStore(mkdtempSync(join(tmpdir(), 'cardbind-idem-'))).open(),
  ],
];

/** The keys over `store`, on the real clock. */
export const keysOn = (store: Store) => new IdempotencyKeys(store, Date.now);
