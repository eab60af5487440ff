import { expect, it, vi } from 'vitest';
import { COUNT_FLUSH_MS } from '../../../src/store/level/group-commit.js';
import { LevelStore } from '../../../src/store/level/store.js';
import { directory, interceptBatches, rawContents } from './raw.js';

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
  // The claim's wait (COUNT_FLUSH_MS) on a clock of the test's: a starved process once took longer
  // than the wait between the claim's acknowledgement and the next turn.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    expect(await store.setIfAbsent('idem:shop:k1', 'claim', 60_000)).toBe(true);
    // A turn later, still no batch: the claim waits for what settles it.
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches).toEqual([]);
    expect(await store.compareAndSet('idem:shop:k1', 'claim', 'answer', 60_000)).toBe(true);
    await store.flush();
    // One batch, one value: the claim was replaced before it was written.
    expect(batches).toEqual([1]);
    // Nothing settles it: it goes by itself, once the wait is over.
    expect(await store.setIfAbsent('idem:shop:k2', 'claim', 60_000)).toBe(true);
    await vi.advanceTimersByTimeAsync(COUNT_FLUSH_MS - 1);
    expect(batches).toEqual([1]);
    await vi.advanceTimersByTimeAsync(1);
    await store.flush();
    expect(batches).toEqual([1, 1]);
  } finally {
    vi.useRealTimers();
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
