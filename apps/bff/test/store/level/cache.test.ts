import { ClassicLevel } from 'classic-level';
import { expect, it } from 'vitest';
import { LevelStore } from '../../../src/store/level/store.js';
import { directory, interceptBatches } from './raw.js';

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
