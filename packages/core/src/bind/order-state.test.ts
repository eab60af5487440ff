import { describe, expect, it } from 'vitest';
import { applyBindEvent } from './order-state.js';

describe('applyBindEvent', () => {
  it('moves a pending order to its result once', () => {
    const first = applyBindEvent({ status: 'PENDING' }, { status: 'SUCCESS', bindId: 'B1' });
    expect(first).toEqual({ changed: true, state: { status: 'SUCCESS', bindId: 'B1' } });
    expect(applyBindEvent(first.state, { status: 'SUCCESS', bindId: 'B1' })).toEqual({
      changed: false,
      state: first.state,
    });
    expect(applyBindEvent(first.state, { status: 'FAIL' }).changed).toBe(false);
    expect(applyBindEvent(first.state, { status: 'PENDING' }).changed).toBe(false);
  });

  it('ignores a stale PENDING and keeps FAIL final', () => {
    expect(applyBindEvent({ status: 'PENDING' }, { status: 'PENDING' }).changed).toBe(false);
    const failed = applyBindEvent({ status: 'PENDING' }, { status: 'FAIL' }).state;
    expect(applyBindEvent(failed, { status: 'SUCCESS', bindId: 'B2' })).toEqual({
      changed: false,
      state: { status: 'FAIL' },
    });
  });
});
