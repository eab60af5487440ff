import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { expect, it } from 'vitest';
import { LevelStore } from '../../src/store/level/store.js';
import { MemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';
import { rawContents } from './level-raw.js';

const directory = () => mkdtempSync(join(tmpdir(), 'cardbind-level-'));

/**
 * Watches the chained batches LevelStore writes with: `onWrite` gets how many values (not expiry
 * index entries) each holds, and the write waits for what it returns. Undone by the returned function.
 */
function interceptBatches(onWrite: (values: number) => Promise<void> | void): () => void {
  const original = ClassicLevel.prototype.batch;
  ClassicLevel.prototype.batch = function (this: ClassicLevel, ...args: unknown[]) {
    const batch = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (args.length > 0) return batch;
    const chained = batch as ReturnType<ClassicLevel<string, string>['batch']>;
    let values = 0;
    const { put, del, write } = chained;
    chained.put = (key: string, ...rest: unknown[]) => {
      if (key.startsWith('v\x00')) values++;
      return (put as (...a: unknown[]) => typeof chained).call(chained, key, ...rest);
    };
    chained.del = (key: string, ...rest: unknown[]) => {
      if (key.startsWith('v\x00')) values++;
      return (del as (...a: unknown[]) => typeof chained).call(chained, key, ...rest);
    };
    chained.write = (async (...rest: unknown[]) => {
      await onWrite(values);
      return (write as (...a: unknown[]) => Promise<void>).apply(chained, rest);
    }) as typeof write;
    return chained;
  } as typeof original;
  return () => {
    ClassicLevel.prototype.batch = original;
  };
}

storeContract('memory', async (clock) => new MemoryStore(() => clock.now));
storeContract('level', async (clock) => new LevelStore(directory(), { now: () => clock.now }).open());

it('level: what was written is there after the store is closed and reopened', async () => {
  const dir = directory();
  const first = await new LevelStore(dir).open();
  await first.set('order:1', '{"status":"PENDING"}', 60_000);
  await first.schedule('webhooks', 'evt_1', 123);
  await first.close();
  const second = await new LevelStore(dir).open();
  expect(await second.get('order:1')).toBe('{"status":"PENDING"}');
  expect(await second.due('webhooks', 1_000, 10)).toEqual(['evt_1']);
  await second.close();
});

it('level: a second process-level open of the same directory is refused (one instance per directory)', async () => {
  const dir = directory();
  const first = await new LevelStore(dir).open();
  await expect(new LevelStore(dir).open()).rejects.toThrow();
  await first.close();
});

it('level: a write is acknowledged once journaled, and its LevelDB batch goes a turn later with what was decided meanwhile', async () => {
  const store = await new LevelStore(directory()).open();
  const batches: number[] = [];
  const restore = interceptBatches((values) => {
    batches.push(values);
  });
  try {
    await store.set('first', '1', 60_000);
    // Acknowledged with no batch built: that work is not on the answer's way.
    expect(batches).toEqual([]);
    // Decided after the acknowledgement, before the batch went: it goes in the same one.
    await store.set('second', '2', 60_000);
    await store.flush();
    expect(batches).toEqual([2]);
  } finally {
    restore();
  }
  expect(await store.get('first')).toBe('1');
  await store.close();
});

it('level: a claim (setIfAbsent) is acknowledged once journaled, and goes to LevelDB with the write that settles it', async () => {
  const dir = directory();
  const store = await new LevelStore(dir).open();
  const batches: number[] = [];
  const restore = interceptBatches((values) => {
    batches.push(values);
  });
  try {
    expect(await store.setIfAbsent('idem:shop:k1', 'claim', 60_000)).toBe(true);
    // A turn later, still no batch: the claim waits for what settles it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([]);
    expect(await store.compareAndSet('idem:shop:k1', 'claim', 'answer', 60_000)).toBe(true);
    await store.flush();
    // One batch, one value: the claim was replaced before it was written.
    expect(batches).toEqual([1]);
    // Nothing settles it: it goes by itself, soon.
    expect(await store.setIfAbsent('idem:shop:k2', 'claim', 60_000)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(batches).toEqual([1, 1]);
  } finally {
    restore();
  }
  await store.close();
  const raw = await rawContents(dir);
  expect([raw.get('v\x00idem:shop:k1')?.slice(15), raw.get('v\x00idem:shop:k2')?.slice(15)]).toEqual([
    'answer',
    'claim',
  ]);
});

it('level: concurrent writes share batches (group commit), each resolves once on disk, and all survive a reopen', async () => {
  const dir = directory();
  const first = await new LevelStore(dir).open();
  const batches: number[] = [];
  const restore = interceptBatches((values) => {
    batches.push(values);
  });
  try {
    await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        i % 2 ? first.increment(`count:${i % 10}`, 60_000) : first.set(`key:${i}`, `v${i}`, 60_000),
      ),
    );
    // Acknowledged once journaled: LevelDB's batches follow.
    await first.flush();
  } finally {
    restore();
  }
  // A counter counted several times before its batch went out is written once, with its last count.
  const written = batches.reduce((a, b) => a + b, 0);
  expect(written).toBeLessThan(200);
  expect(written).toBeGreaterThanOrEqual(105);
  expect(batches.length).toBeLessThan(20);
  await first.close();
  const second = await new LevelStore(dir).open();
  expect(await second.get('key:198')).toBe('v198');
  // Twenty increments on each odd key, every one counted, however they were batched.
  expect(await Promise.all([1, 3, 5, 7, 9].map((k) => second.get(`count:${k}`)))).toEqual([
    '20',
    '20',
    '20',
    '20',
    '20',
  ]);
  await second.close();
});

it('level: a value decided but not yet on disk is what the next operation sees, even once evicted from the cache', async () => {
  const store = await new LevelStore(directory()).open();
  expect(await store.increment('hot', 60_000)).toBe(1);
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  // Hold every batch write until the cache has evicted the first key.
  const restore = interceptBatches(() => gate);
  try {
    const first = store.increment('hot', 60_000);
    await new Promise((resolve) => setImmediate(resolve));
    // Counts are cached (plain writes of new keys are not): 20,001 of them evict the first.
    const fill = Array.from({ length: 20_001 }, (_, i) => store.increment(`fill:${i}`, 60_000));
    const second = store.increment('hot', 60_000);
    release();
    expect([await first, await second]).toEqual([2, 3]);
    await Promise.all(fill);
  } finally {
    restore();
    release();
  }
  expect(await store.get('hot')).toBe('3');
  await store.close();
});

it('level: the cache keeps what is read or counted, not one-off writes of new keys nor absences', async () => {
  const store = await new LevelStore(directory()).open();
  const original = ClassicLevel.prototype.getSync;
  const reads: string[] = [];
  ClassicLevel.prototype.getSync = function (this: ClassicLevel, ...args: unknown[]) {
    reads.push(String(args[0]).slice(2));
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await store.set('record:1', 'r', 60_000);
    await store.increment('count', 60_000);
    // On LevelDB itself, not only journaled: the reads below go to the disk.
    await store.flush();
    expect(await store.get('absent')).toBeUndefined();
    expect(await store.get('absent')).toBeUndefined();
    expect(await store.get('record:1')).toBe('r');
    expect(await store.get('record:1')).toBe('r');
    expect(await store.get('count')).toBe('1');
  } finally {
    ClassicLevel.prototype.getSync = original;
  }
  // The record is read from disk once and then cached; the absence is looked up each time.
  expect(reads).toEqual(['count', 'absent', 'absent', 'record:1']);
  await store.close();
});

it('level: the sweeper deletes what expired, through the expiry index, and keeps what was written again later', async () => {
  const dir = directory();
  let now = 1_000_000;
  const store = await new LevelStore(dir, { now: () => now, sweepMs: 3_600_000 }).open();
  for (let i = 0; i < 2_500; i++) await store.set(`short:${i}`, 'x', 1_000);
  await store.set('long', 'kept', 60_000);
  await store.set('renewed', 'first', 1_000);
  await store.increment('count', 1_000);
  await store.increment('count', 1_000);
  now += 500;
  await store.set('renewed', 'second', 60_000);
  now += 1_000;
  // More than one sweeper pass (1,000 per pass) in one call.
  await store.sweep();
  expect(await store.get('renewed')).toBe('second');
  await store.close();
  const raw = await rawContents(dir);
  const values = [...raw.keys()].filter((k) => k.startsWith('v\x00')).map((k) => k.slice(2));
  expect(values.sort()).toEqual(['long', 'renewed']);
  // What is left of the index: the two live values, nothing for what was swept.
  const index = [...raw].filter(([k]) => k.startsWith('x\x00'));
  expect(index.flatMap(([, keys]) => JSON.parse(keys)).sort()).toEqual(['long', 'renewed']);
  // On disk: the expiry in 15 digits, then the value as written.
  expect(raw.get('v\x00long')).toBe(`${String(1_000_000 + 60_000).padStart(15, '0')}kept`);
});

it('level: the keys a batch writes are indexed together, one index entry per second they expire in', async () => {
  const dir = directory();
  let now = 1_000_100;
  const store = await new LevelStore(dir, { now: () => now, sweepMs: 3_600_000 }).open();
  // Written in one event-loop turn: one batch, three keys expiring in one second and one in another.
  await Promise.all([
    store.set('a', '1', 60_000),
    store.set('b', '2', 60_400),
    store.set('c', '3', 60_900),
    store.set('later', '4', 120_000),
  ]);
  await store.close();
  const raw = await rawContents(dir);
  const index = [...raw].filter(([k]) => k.startsWith('x\x00'));
  expect(index.map(([, keys]) => JSON.parse(keys).sort())).toEqual([['a', 'b', 'c'], ['later']]);
  // And each is swept once its second has passed.
  const reopened = await new LevelStore(dir, { now: () => now, sweepMs: 3_600_000 }).open();
  now += 61_000;
  await reopened.sweep();
  await reopened.close();
  const left = await rawContents(dir);
  expect([...left.keys()].filter((k) => k.startsWith('v\x00'))).toEqual(['v\x00later']);
  expect([...left].filter(([k]) => k.startsWith('x\x00')).map(([, keys]) => keys)).toEqual(['["later"]']);
});

it('level: a directory in the first format (JSON entries, no index) is upgraded on open', async () => {
  const dir = directory();
  const now = Date.now();
  const old = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  await old.batch([
    { type: 'put', key: 'v\x00order:1', value: JSON.stringify(['{"status":"PENDING"}', now + 60_000]) },
    { type: 'put', key: 'v\x00gone', value: JSON.stringify(['x', now - 1]) },
  ]);
  await old.close();
  const store = await new LevelStore(dir).open();
  expect(await store.get('order:1')).toBe('{"status":"PENDING"}');
  await store.close();
  const raw = await rawContents(dir);
  expect(raw.get('f\x00')).toBe('2');
  expect(raw.has('v\x00gone')).toBe(false);
  expect(raw.get('v\x00order:1')).toBe(`${String(now + 60_000).padStart(15, '0')}{"status":"PENDING"}`);
});

it('memory: the number of entries is bounded; expired ones go first, then the oldest-created', async () => {
  let now = 0;
  const store = new MemoryStore(() => now, { maxEntries: 100 });
  for (let i = 0; i < 50; i++) await store.set(`short:${i}`, 'x', 1_000);
  now = 5_000; // the short-lived ones have expired
  for (let i = 0; i < 1_000; i++) await store.set(`long:${i}`, String(i), 60_000);
  expect(store.size).toBe(100);
  expect(await store.get('long:999')).toBe('999');
  expect(await store.get('long:900')).toBe('900');
  expect(await store.get('long:0')).toBeUndefined();
  // Counters and claims on keys still held keep working at the bound.
  expect(await store.increment('long:999', 60_000)).toBe(1000);
  expect(await store.setIfAbsent('long:998', 'again', 60_000)).toBe(false);
  expect(store.size).toBe(100);
});

it('memory: at the bound, the oldest-created go first however the store changed in between', async () => {
  const store = new MemoryStore(() => 0, { maxEntries: 10 });
  const held = async () => {
    const keys = [];
    for (let i = 0; i < 40; i++) if ((await store.get(`k${i}`)) !== undefined) keys.push(i);
    return keys;
  };
  for (let i = 0; i < 10; i++) await store.set(`k${i}`, 'x', 60_000);
  await store.set('k10', 'x', 60_000); // k0 makes room
  await store.delete('k1'); // room already: the next write evicts nothing
  await store.set('k11', 'x', 60_000);
  await store.set('k2', 'updated', 60_000); // an update keeps its place
  await store.set('k0', 'back', 60_000); // a new key again: k2, the oldest now, makes room
  expect(await held()).toEqual([0, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  await store.take('k5');
  for (let i = 12; i < 30; i++) await store.set(`k${i}`, 'x', 60_000);
  expect(await held()).toEqual([20, 21, 22, 23, 24, 25, 26, 27, 28, 29]);
  // Emptied, then filled again: eviction starts over from the new oldest.
  for (let i = 20; i < 30; i++) await store.delete(`k${i}`);
  for (let i = 0; i < 12; i++) await store.set(`k${i}`, 'y', 60_000);
  expect(await held()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  expect(store.size).toBe(10);
});

it('memory: at the bound, a queue loses its oldest-added member however it changed in between', async () => {
  const store = new MemoryStore(() => 0, { maxEntries: 10 });
  const members = async () => (await store.range('index', 0, 1_000, 100)).map((m) => Number(m.slice(1)));
  for (let i = 0; i < 10; i++) await store.index('index', `m${i}`, i);
  await store.index('index', 'm10', 10); // m0 makes room
  await store.unschedule('index', 'm1');
  await store.index('index', 'm11', 11);
  await store.schedule('index', 'm2', 2); // moved in place: keeps its turn
  await store.index('index', 'm12', 12); // m2 makes room
  await store.trim('index', 5); // m3, m4
  for (let i = 13; i < 18; i++) await store.index('index', `m${i}`, i);
  expect(await members()).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17]);
  expect(store.queuedMembers).toBe(10);
});

it('memory: queue members are bounded too; a full store drops the oldest-added member of its largest queue', async () => {
  let now = 0;
  const store = new MemoryStore(() => now, { maxEntries: 100 });
  await store.schedule('outbox', 'evt_kept', 10);
  // An index gains one member per verification: 1,000 of them against a bound of 100.
  for (let i = 0; i < 1_000; i++) {
    now = i;
    await store.index('verifications-by-time:shop', `ver_${String(i).padStart(4, '0')}`, i);
  }
  expect(store.queuedMembers).toBe(100);
  const listed = await store.range('verifications-by-time:shop', 0, 1_000, 1_000);
  expect(listed).toHaveLength(99);
  expect(listed[0]).toBe('ver_0901');
  expect(listed.at(-1)).toBe('ver_0999');
  // The outbox's pending event is not what made the room, even when the outbox is written to at the bound.
  await store.schedule('outbox', 'evt_new', 15);
  expect(store.queuedMembers).toBe(100);
  expect(await store.due('outbox', 20, 10)).toEqual(['evt_kept', 'evt_new']);
  expect(await store.range('verifications-by-time:shop', 0, 1_000, 1_000)).toHaveLength(98);
  await store.unschedule('outbox', 'evt_new');
  expect(store.queuedMembers).toBe(99);
  // Moving a member does not count it twice; removing and trimming give the room back.
  await store.schedule('outbox', 'evt_kept', 20);
  expect(store.queuedMembers).toBe(99);
  await store.unschedule('outbox', 'evt_kept');
  await store.unschedule('outbox', 'evt_kept');
  expect(store.queuedMembers).toBe(98);
  await store.trim('verifications-by-time:shop', 950);
  expect(store.queuedMembers).toBe(50);
  expect(await store.range('verifications-by-time:shop', 0, 1_000, 1_000)).toHaveLength(50);
});
