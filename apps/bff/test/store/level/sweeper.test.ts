import { expect, it } from 'vitest';
import { LevelStore } from '../../../src/store/level/store.js';
import { directory, rawContents } from './raw.js';

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
