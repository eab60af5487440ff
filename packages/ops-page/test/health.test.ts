import { describe, expect, it } from 'vitest';
import type { ProviderSummary } from '../src/api.js';
import { healthOf, totalsByDay } from '../src/health.js';
import { fill, MESSAGES } from '../src/messages.js';

const provider = (over: Partial<ProviderSummary>): ProviderSummary => ({
  id: 'tencent-faceid',
  circuitOpen: false,
  unitPrice: 0.3,
  calls: 0,
  paid: 0,
  chargeUnknown: 0,
  spend: 0,
  outcomes: {},
  failovers: 0,
  skipped: {},
  latencyMs: { p50: null, p95: null, p99: null },
  daily: [],
  ...over,
});

describe('healthOf', () => {
  it.each([
    ['an open circuit, whatever else', { circuitOpen: true, calls: 10, outcomes: { verified: 10 } }, 'open'],
    ['no calls today', { calls: 0 }, 'idle'],
    ['one unavailable in ten', { calls: 10, outcomes: { verified: 9, unavailable: 1 } }, 'ok'],
    ['one in five is not over the line', { calls: 5, outcomes: { verified: 4, unavailable: 1 } }, 'ok'],
    ['calls that threw count as failures', { calls: 4, outcomes: { verified: 3, error: 1 } }, 'degraded'],
    ['mismatches are answers, not failures', { calls: 4, outcomes: { mismatch: 4 } }, 'ok'],
  ] as const)('%s', (_name, over, health) => {
    expect(healthOf(provider(over))).toBe(health);
  });
});

describe('totalsByDay', () => {
  const days = ['2026-12-01', '2026-12-02'];
  it('adds the providers of each day, spend to the fen, null when no provider has a price', () => {
    const a = provider({
      daily: [
        { day: days[0] ?? '', calls: 3, paid: 3, chargeUnknown: 0, spend: 0.9 },
        { day: days[1] ?? '', calls: 1, paid: 1, chargeUnknown: 0, spend: 0.3 },
      ],
    });
    const b = provider({
      id: 'tencent-csec',
      daily: [
        { day: days[0] ?? '', calls: 2, paid: 2, chargeUnknown: 0, spend: 0.5 },
        { day: days[1] ?? '', calls: 0, paid: 0, chargeUnknown: 0, spend: 0 },
      ],
    });
    expect(totalsByDay([a, b], days)).toEqual([
      { day: days[0], paid: 5, spend: 1.4 },
      { day: days[1], paid: 1, spend: 0.3 },
    ]);
    const unpriced = provider({ daily: [{ day: days[0] ?? '', calls: 2, paid: 2, chargeUnknown: 0, spend: null }] });
    expect(totalsByDay([unpriced], days.slice(0, 1))).toEqual([{ day: days[0], paid: 2, spend: null }]);
  });
});

describe('messages', () => {
  it('both languages have every message, and placeholders are filled', () => {
    expect(Object.keys(MESSAGES.en).sort()).toEqual(Object.keys(MESSAGES['zh-CN']).sort());
    expect(fill(MESSAGES.en.resent, { n: 2 })).toBe('Queued again: 2 events');
    expect(fill(MESSAGES['zh-CN'].scopeMerchant, { merchant: 'shop' })).toBe('商户视图：shop');
  });
});
