import { createOutcome } from '@cardbind/core/outcome';
import { describe, expect, it } from 'vitest';
import { type VerificationRecord, VerificationRepository } from '../../src/records/verifications.js';
import { MemoryStore } from '../../src/store/memory.js';

const record = (outcome = createOutcome('VERIFIED', { charged: true, provider: { id: 'p', code: '0' } })) =>
  ({
    id: `ver_${'a'.repeat(32)}`,
    kind: 3,
    card: '622202******1008',
    outcome,
    merchant: 'shop',
    createdAt: '2026-11-24T00:00:00.000Z',
  }) satisfies VerificationRecord;

describe('VerificationRepository', () => {
  it.each([
    ['a verified outcome', record()],
    [
      'a refused one with a retry time',
      record(createOutcome('DAILY_LIMIT', { charged: false, retryAfter: 30, provider: { id: 'p', code: 'X' } })),
    ],
    ['an outcome without provider detail', record(createOutcome('PROVIDER_ERROR', { charged: 'unknown' }))],
  ])('%s: written without what the reason implies, read back whole', async (_name, written) => {
    const store = new MemoryStore();
    const repository = new VerificationRepository(store, Date.now);
    await repository.save(written);
    const raw = (await store.get(`verification:${written.id}`)) ?? '';
    // Status, retryability and the cardholder messages follow from the reason code.
    expect(JSON.parse(raw).outcome).not.toHaveProperty('message');
    expect(JSON.parse(raw).outcome).not.toHaveProperty('status');
    expect(JSON.parse(raw)).not.toHaveProperty('id');
    expect(raw).not.toContain(written.outcome.message['zh-CN']);
    expect(await repository.get(written.id)).toEqual(written);
    expect(await repository.answer(written.id)).toEqual({
      id: written.id,
      card: written.card,
      outcome: written.outcome,
    });
  });

  it('reads a record written whole, before outcomes were stored compactly', async () => {
    const store = new MemoryStore();
    const written = record();
    await store.set(`verification:${written.id}`, JSON.stringify(written), 60_000);
    expect(await new VerificationRepository(store, Date.now).get(written.id)).toEqual(written);
  });

  it('an unknown id has no record and no answer', async () => {
    const repository = new VerificationRepository(new MemoryStore(), Date.now);
    expect(await repository.get('ver_missing')).toBeUndefined();
    expect(await repository.answer('ver_missing')).toBeUndefined();
  });
});
