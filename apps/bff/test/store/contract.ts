import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/store/types.js';

/**
 * The behaviour every Store must have, run against each implementation
 * (memory, LevelDB, Redis, Durable Objects). `clock` is the store's time
 * source, so expiry is tested without sleeping. A store that keeps its own time (Redis, a
 * Durable Object) is `realTime`: expiry is tested by waiting, and the one window whose middle is
 * tested is longer (a call must land inside it, which a busy machine can delay past a short one).
 */
export function storeContract(name: string, make: (clock: { now: number }) => Promise<Store>, realTime = false) {
  const scale = realTime ? 4 : 1;
  const advance = (clock: { now: number }, ms: number): Promise<void> => {
    if (realTime) return new Promise((resolve) => setTimeout(resolve, ms + 20));
    clock.now += ms;
    return Promise.resolve();
  };
  describe(`${name} store contract`, () => {
    const fresh = async () => {
      const clock = { now: 1_000_000 };
      const store = await make(clock);
      return { store, advance: (ms: number) => advance(clock, ms) };
    };

    it('set / get / delete, with expiry', async () => {
      const { advance, store } = await fresh();
      await store.set('a', 'one', 1000);
      expect(await store.get('a')).toBe('one');
      await advance(1001);
      expect(await store.get('a')).toBeUndefined();
      await store.set('b', 'two', 1000);
      await store.delete('b');
      expect(await store.get('b')).toBeUndefined();
      await store.close?.();
    });

    it('setIfAbsent writes once, and again after expiry; racing callers get exactly one true', async () => {
      const { advance, store } = await fresh();
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setIfAbsent('k', String(i), 500)));
      expect(results.filter(Boolean)).toHaveLength(1);
      await advance(501);
      expect(await store.setIfAbsent('k', 'later', 500)).toBe(true);
      expect(await store.get('k')).toBe('later');
      await store.close?.();
    });

    it('compareAndSet replaces only the expected value; of racing writers one wins', async () => {
      const { store } = await fresh();
      await store.set('c', 'v0', 10_000);
      expect(await store.compareAndSet('c', 'nope', 'x', 10_000)).toBe(false);
      const wins = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.compareAndSet('c', 'v0', `v${i + 1}`, 10_000)),
      );
      expect(wins.filter(Boolean)).toHaveLength(1);
      expect(await store.compareAndSet('missing', 'a', 'b', 10_000)).toBe(false);
      await store.close?.();
    });

    it('take hands a value to exactly one caller', async () => {
      const { store } = await fresh();
      await store.set('t', 'ticket', 10_000);
      const taken = await Promise.all(Array.from({ length: 10 }, () => store.take('t')));
      expect(taken.filter((v) => v === 'ticket')).toHaveLength(1);
      expect(await store.get('t')).toBeUndefined();
      await store.close?.();
    });

    it('increment counts every racing call; the window starts at creation and resets after expiry', async () => {
      const { advance, store } = await fresh();
      const window = 1000 * scale;
      const counts = await Promise.all(Array.from({ length: 50 }, () => store.increment('n', window)));
      expect(counts.sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      await advance(window * 0.6);
      expect(await store.increment('n', window)).toBe(51);
      await advance(window * 0.4 + 1);
      expect(await store.increment('n', window)).toBe(1);
      await store.close?.();
    });

    it('a queue gives due members earliest first; rescheduling moves, unscheduling removes', async () => {
      const { store } = await fresh();
      await store.schedule('q', 'e1', 50);
      await store.schedule('q', 'e2', 30);
      await store.schedule('q', 'e3', 500);
      await store.schedule('q', 'e1', 10);
      expect(await store.due('q', 100, 10)).toEqual(['e1', 'e2']);
      expect(await store.due('q', 100, 1)).toEqual(['e1']);
      await store.unschedule('q', 'e2');
      await store.schedule('q', 'e1', 1_000);
      expect(await store.due('q', 600, 10)).toEqual(['e3']);
      expect(await store.due('other', 10_000, 10)).toEqual([]);
      await store.close?.();
    });

    it('a range lists members between two scores, ties by member, a page after a member; trim drops the older', async () => {
      const { store } = await fresh();
      // Added as an index adds (each member once), and one the way the outbox schedules.
      for (const [member, at] of [
        ['d', 20],
        ['b', 20],
        ['a', 10],
        ['e', 30],
        ['c', 20],
        ['z', 5],
      ] as const) {
        await store.index('idx', member, at);
      }
      await store.schedule('idx', 'f', 40);
      expect(await store.range('idx', 10, 30, 100)).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await store.range('idx', 10, 30, 2)).toEqual(['a', 'b']);
      // The next page: from the last one's score, past it.
      expect(await store.range('idx', 20, 30, 2, 'b')).toEqual(['c', 'd']);
      expect(await store.range('idx', 20, 30, 2, 'd')).toEqual(['e']);
      expect(await store.range('idx', 41, 100, 10)).toEqual([]);
      expect(await store.range('other', 0, 100, 10)).toEqual([]);
      await store.trim('idx', 20);
      expect(await store.range('idx', 0, 100, 100)).toEqual(['b', 'c', 'd', 'e', 'f']);
      // Trimmed members are gone for good: scheduling one again adds it once.
      await store.schedule('idx', 'a', 50);
      expect(await store.range('idx', 0, 100, 100)).toEqual(['b', 'c', 'd', 'e', 'f', 'a']);
      await store.close?.();
    });
  });
}
