import { describe, expect, it } from 'vitest';
import { admitPaced, MAX_PACING_WAIT_MS } from '../../src/providers/pacing.js';
import { MemoryStore } from '../../src/store/memory.js';

/** A store on a fake clock, and one paced call: when it would reach the provider, or undefined if refused. */
const setup = () => {
  const clock = { now: 1_700_000_000_000 };
  const store = new MemoryStore(() => clock.now);
  const admit = async (key: string, cap: number) => {
    let waited = 0;
    const ok = await admitPaced(
      store,
      (slot) => `${key}:${slot}`,
      cap,
      () => clock.now,
      async (ms) => {
        waited = ms;
      },
    );
    return ok ? clock.now + waited : undefined;
  };
  return { clock, admit };
};

/** The most calls inside any window of `ms` (a provider's sliding-window view). */
const busiestWindow = (times: number[], ms: number) =>
  Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + ms).length));
const admittedOf = (results: (number | undefined)[]) => results.filter((t): t is number => t !== undefined);

describe('provider pacing (slots of a twentieth of the cap, through the store)', () => {
  it('5× the cap offered evenly: 20/s admitted, never more than 21 in any one-second window', async () => {
    const { clock, admit } = setup();
    const results: (number | undefined)[] = [];
    for (let i = 0; i < 1000; i++) {
      clock.now += 10;
      results.push(await admit('qps:faceid', 20));
    }
    const admitted = admittedOf(results);
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(21);
    // Calls reaching the provider during the 10 s (the last ones booked slots just after): the cap is used, not starved.
    const within = admitted.filter((t) => t <= clock.now);
    expect(within.length).toBeGreaterThanOrEqual(199);
    expect(within.length).toBeLessThanOrEqual(203);
  });

  it('bursts at the boundary of a second do not add up (a per-second counter would admit 40)', async () => {
    const { clock, admit } = setup();
    const admitted: number[] = [];
    for (const offset of [900, 1050]) {
      clock.now = 1_700_000_000_000 + offset;
      admitted.push(...admittedOf(await Promise.all(Array.from({ length: 30 }, () => admit('qps:p', 20)))));
    }
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(21);
  });

  it('racing callers at one instant: one per slot, spread over the wait allowance, the rest refused', async () => {
    const { clock, admit } = setup();
    const at20 = admittedOf(await Promise.all(Array.from({ length: 50 }, () => admit('qps:p', 20))));
    const slots = MAX_PACING_WAIT_MS / 50 + 1;
    expect(at20).toHaveLength(slots);
    expect(new Set(at20).size).toBe(slots);
    expect(Math.max(...at20) - clock.now).toBeLessThanOrEqual(MAX_PACING_WAIT_MS);
    // A twentieth of a cap of 100 per 50 ms slot.
    const at100 = admittedOf(await Promise.all(Array.from({ length: 50 }, () => admit('qps:q', 100))));
    expect(at100).toHaveLength(5 * slots);
  });

  it('a short burst under the cap waits for the next slots instead of being refused', async () => {
    const { clock, admit } = setup();
    const times: (number | undefined)[] = [];
    // Back-to-back calls 5 ms apart: each gets the next 50 ms slot.
    for (let i = 0; i < 4; i++) {
      times.push(await admit('qps:p', 20));
      clock.now += 5;
    }
    expect(times.every((t) => t !== undefined)).toBe(true);
    expect(admittedOf(times).map((t) => t - 1_700_000_000_000)).toEqual([0, 50, 100, 150]);
  });

  it('a cap under 20: one call per slot of 1/cap s', async () => {
    const { clock, admit } = setup();
    const results: (number | undefined)[] = [];
    for (let i = 0; i < 500; i++) {
      clock.now += 10;
      results.push(await admit('qps:slow', 4));
    }
    const admitted = admittedOf(results);
    // 5 s at 4/s, give or take the slots the run starts and ends in.
    expect(admitted.length).toBeGreaterThanOrEqual(19);
    expect(admitted.length).toBeLessThanOrEqual(21);
    expect(busiestWindow(admitted, 1000)).toBeLessThanOrEqual(5);
  });
});
