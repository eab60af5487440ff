import { describe, expect, it } from 'vitest';
import { OUTCOME_MESSAGES } from './messages.js';
import { createOutcome, secondsUntilChinaMidnight } from './outcome.js';
import { REASON_CODES, REASONS } from './reasons.js';

describe('the outcome catalogue', () => {
  it.each(REASON_CODES)('%s has a status and messages in both locales', (reason) => {
    const outcome = createOutcome(reason, { charged: false });
    expect(outcome.status).toBe(REASONS[reason].status);
    expect(OUTCOME_MESSAGES[reason]['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(OUTCOME_MESSAGES[reason].en).toMatch(/^[A-Z]/);
  });

  it('only VERIFIED is verified', () => {
    expect(REASON_CODES.filter((r) => REASONS[r].status === 'verified')).toEqual(['VERIFIED']);
  });

  it('carries the provider detail, charge and retry-after', () => {
    const outcome = createOutcome('DAILY_LIMIT', {
      charged: false,
      retryAfter: 3600,
      provider: { id: 'tencent-faceid', code: '-18', requestId: 'r-1' },
    });
    expect(outcome).toEqual({
      status: 'unavailable',
      reason: 'DAILY_LIMIT',
      charged: false,
      retryable: true,
      retryAfter: 3600,
      message: OUTCOME_MESSAGES.DAILY_LIMIT,
      provider: { id: 'tencent-faceid', code: '-18', requestId: 'r-1' },
    });
  });

  it('a timeout is not blindly retryable (it may have been billed)', () => {
    expect(createOutcome('TIMEOUT', { charged: 'unknown' })).toMatchObject({ retryable: false, charged: 'unknown' });
  });
});

describe('secondsUntilChinaMidnight', () => {
  it('counts to 00:00 in UTC+8', () => {
    // 2026-11-22 15:00:00 UTC is 23:00 in China: one hour to go.
    expect(secondsUntilChinaMidnight(Date.UTC(2026, 10, 22, 15, 0, 0))).toBe(3600);
    // 16:00 UTC is China's midnight: a full day to the next one.
    expect(secondsUntilChinaMidnight(Date.UTC(2026, 10, 22, 16, 0, 0))).toBe(86_400);
  });
});
