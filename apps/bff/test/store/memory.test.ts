import { expect, it } from 'vitest';
import { MemoryStore } from '../../src/store/memory.js';
import { storeContract } from './contract.js';

storeContract('memory', async (clock) => new MemoryStore(() => clock.now));

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
