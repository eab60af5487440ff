import { describe, expect, it } from 'vitest';
import { createCallContext } from './context.js';

describe('createCallContext', () => {
  it('aborts at the timeout', async () => {
    const ctx = createCallContext({ timeoutMs: 20 });
    expect(ctx.signal.aborted).toBe(false);
    await new Promise((resolve) => ctx.signal.addEventListener('abort', resolve));
    expect(ctx.signal.reason).toBeInstanceOf(DOMException);
    expect((ctx.signal.reason as DOMException).name).toBe('TimeoutError');
  });

  it('never aborts once released', async () => {
    const released = createCallContext({ timeoutMs: 20 });
    const kept = createCallContext({ timeoutMs: 20 });
    released.release();
    released.release();
    // The kept context's abort is the clock: by then the released one's timer would have fired too.
    await new Promise((resolve) => kept.signal.addEventListener('abort', resolve));
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(released.signal.aborted).toBe(false);
  });

  it("follows the caller's signal", () => {
    const controller = new AbortController();
    const ctx = createCallContext({ signal: controller.signal, timeoutMs: 60_000 });
    controller.abort(new Error('caller gave up'));
    expect(ctx.signal.aborted).toBe(true);
  });

  it('uses injected time and randomness', () => {
    const ctx = createCallContext({ now: () => 42, randomBytes: (n) => new Uint8Array(n).fill(7) });
    expect(ctx.now()).toBe(42);
    expect(ctx.randomBytes(2)).toEqual(new Uint8Array([7, 7]));
  });
});
