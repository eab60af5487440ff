import { describe, expect, it } from 'vitest';
import { admitPaced } from '../src/services/pacing.js';
import { MemoryStore } from '../src/store/memory.js';

const setup = () => {
  const clock = { now: 1_700_000_000_000 };
  return { clock, store: new MemoryStore(() => clock.now), now: () => clock.now };
};

/** The most admissions inside any window of `ms` (a provider's sliding-window view). */
const busiestWindow = (times: number[], ms: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));

describe('provider pacing (slots of a twentieth of the cap, through the store)', () => {
  it('5× the cap offered evenly: 20/s admitted, never more than 21 in any one-second window', async () => {
    const { clock, store, now } = setup();
    const admitted: number[] = [];
    for (let i = 0; i < 1000; i++) {
      clock.now += 10;
      if (await admitPaced(store, 'qps:faceid', 20, now)) admitted.push(clock.now);
    }
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(21);
    // Over the 10 s: the cap is used, not starved.
    expect(admitted.length).toBeGreaterThanOrEqual(199);
    expect(admitted.length).toBeLessThanOrEqual(203);
  });

  it('bursts at the boundary of a second do not add up (a per-second counter would admit 40)', async () => {
    const { clock, store, now } = setup();
    const admitted: number[] = [];
    clock.now = 1_700_000_000_900;
    for (const offset of [0, 150]) {
      clock.now = 1_700_000_000_900 + offset;
      const results = await Promise.all(Array.from({ length: 30 }, () => admitPaced(store, 'qps:p', 20, now)));
      for (const ok of results) if (ok) admitted.push(clock.now);
    }
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(21);
  });

  it('racing callers at one instant: exactly one slot gets through (a twentieth of the cap)', async () => {
    const { store, now } = setup();
    const at20 = await Promise.all(Array.from({ length: 50 }, () => admitPaced(store, 'qps:p', 20, now)));
    expect(at20.filter(Boolean)).toHaveLength(1);
    const at100 = await Promise.all(Array.from({ length: 50 }, () => admitPaced(store, 'qps:q', 100, now)));
    expect(at100.filter(Boolean)).toHaveLength(5);
  });

  it('a cap under 10: one call per slot of 1/cap s', async () => {
    const { clock, store, now } = setup();
    const admitted: number[] = [];
    for (let i = 0; i < 500; i++) {
      clock.now += 10;
      if (await admitPaced(store, 'qps:slow', 4, now)) admitted.push(clock.now);
    }
    // 5 s at 4/s, give or take the slot the run starts and ends in.
    expect(admitted.length).toBeGreaterThanOrEqual(19);
    expect(admitted.length).toBeLessThanOrEqual(21);
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(5);
  });
});
