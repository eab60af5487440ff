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

describe('provider pacing (GCRA through the store)', () => {
  it('5× the cap offered evenly: 20/s admitted, never more than 22 in any one-second window', async () => {
    const { clock, store, now } = setup();
    const admitted: number[] = [];
    for (let i = 0; i < 1000; i++) {
      clock.now += 10;
      if (await admitPaced(store, 'qps:faceid', 20, now)) admitted.push(clock.now);
    }
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(22);
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
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(22);
  });

  it('racing callers at one instant: exactly the burst allowance (a tenth of the cap) plus one get through', async () => {
    const { store, now } = setup();
    const results = await Promise.all(Array.from({ length: 50 }, () => admitPaced(store, 'qps:p', 20, now)));
    expect(results.filter(Boolean)).toHaveLength(3);
  });

  it('an idle provider takes a small burst again', async () => {
    const { clock, store, now } = setup();
    for (let i = 0; i < 10; i++) await admitPaced(store, 'qps:p', 20, now);
    clock.now += 1_000;
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await admitPaced(store, 'qps:p', 20, now));
    expect(results).toEqual([true, true, true, false, false]);
  });
});
