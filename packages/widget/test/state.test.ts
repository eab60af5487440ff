import { afterAll, describe, expect, it } from 'vitest';
import {
  type EventType,
  type FrameEvent,
  type FrameState,
  initialState,
  PHASES,
  type Phase,
  reduce,
} from '../src/frame/state.js';

/** A state in `phase`, with a spent token (so that a renewed token shows). */
const inPhase = (phase: Phase): FrameState => ({ ...initialState(false, '', 'key-0'), phase, tokenSpent: true });

/** One event of each kind the frame handles, as its hooks and components send them. */
const EVENTS: Record<EventType, FrameEvent[]> = {
  edited: [{ type: 'edited', field: 'cardNumber', raw: '6222 0200', at: 9, key: 'key-1' }],
  left: [{ type: 'left', field: 'name' }],
  consented: [{ type: 'consented', checked: true }],
  binFound: [{ type: 'binFound', bank: { code: 'ICBC', name: '工商银行', type: 'DEBIT' }, fillChoice: true }],
  chose: [{ type: 'chose', choice: { code: 'CCB', type: 'CREDIT' }, key: 'key-2' }],
  incomplete: [{ type: 'incomplete', announcement: 'consent required' }],
  verifying: [{ type: 'verifying', announcement: 'verifying' }],
  verified: [
    { type: 'verified', ok: true, result: { text: 'verified', card: '622202******1008' } },
    { type: 'verified', ok: false, result: { text: 'mismatch' } },
  ],
  refused: [{ type: 'refused', text: 'too many attempts' }],
  redirecting: [{ type: 'redirecting', announcement: 'redirecting' }],
  bound: [
    { type: 'bound', ok: true, result: { text: 'bound', card: '622202******1008' } },
    { type: 'bound', ok: false, result: { text: 'declined' } },
  ],
  tokenRenewed: [{ type: 'tokenRenewed' }],
  noToken: [{ type: 'noToken', text: 'reload to retry' }],
  recipients: [{ type: 'recipients', names: ['腾讯云', '阿里云'] }],
  again: [
    { type: 'again', keepCard: true, key: 'key-3' },
    { type: 'again', keepCard: false, key: 'key-4' },
  ],
};

/**
 * The frame's transitions, phase by phase: where each event leads (a phase), or `same` when the
 * event changes nothing there. Where an event has two variants, the second's phase follows a `|`.
 */
const TRANSITIONS: Record<Phase, Record<EventType, string>> = {
  form: {
    edited: 'form',
    left: 'form',
    consented: 'form',
    binFound: 'form',
    chose: 'form',
    incomplete: 'form',
    verifying: 'verifying',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'redirecting',
    bound: 'same|same',
    tokenRenewed: 'form',
    noToken: 'form',
    recipients: 'form',
    again: 'same|same',
  },
  verifying: {
    edited: 'same',
    left: 'verifying',
    consented: 'same',
    binFound: 'verifying',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'verified|rejected',
    refused: 'form',
    redirecting: 'same',
    bound: 'same|same',
    tokenRenewed: 'verifying',
    noToken: 'verifying',
    recipients: 'verifying',
    again: 'same|same',
  },
  verified: {
    edited: 'same',
    left: 'verified',
    consented: 'same',
    binFound: 'verified',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'redirecting',
    bound: 'same|same',
    tokenRenewed: 'verified',
    noToken: 'verified',
    recipients: 'verified',
    again: 'form|form',
  },
  rejected: {
    edited: 'rejected',
    left: 'rejected',
    consented: 'rejected',
    binFound: 'rejected',
    chose: 'rejected',
    incomplete: 'rejected',
    verifying: 'verifying',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'redirecting',
    bound: 'same|same',
    tokenRenewed: 'rejected',
    noToken: 'rejected',
    recipients: 'rejected',
    again: 'same|same',
  },
  redirecting: {
    edited: 'same',
    left: 'redirecting',
    consented: 'same',
    binFound: 'redirecting',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'redirecting',
    bound: 'bound|failed',
    tokenRenewed: 'redirecting',
    noToken: 'redirecting',
    recipients: 'redirecting',
    again: 'same|same',
  },
  waiting: {
    edited: 'same',
    left: 'waiting',
    consented: 'same',
    binFound: 'same',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'same',
    bound: 'bound|failed',
    tokenRenewed: 'waiting',
    noToken: 'waiting',
    recipients: 'waiting',
    again: 'same|same',
  },
  bound: {
    edited: 'same',
    left: 'bound',
    consented: 'same',
    binFound: 'same',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'same',
    bound: 'same|same',
    tokenRenewed: 'bound',
    noToken: 'bound',
    recipients: 'bound',
    again: 'same|same',
  },
  failed: {
    edited: 'same',
    left: 'failed',
    consented: 'same',
    binFound: 'same',
    chose: 'same',
    incomplete: 'same',
    verifying: 'same',
    verified: 'same|same',
    refused: 'same',
    redirecting: 'same',
    bound: 'same|same',
    tokenRenewed: 'failed',
    noToken: 'failed',
    recipients: 'failed',
    again: 'form|form',
  },
};

let tested = 0;
afterAll(() => {
  console.log(
    `frame reducer: ${tested} phase × event transitions tested (${PHASES.length} phases, ${Object.keys(EVENTS).length} events)`,
  );
});

describe.each(PHASES)('in the %s phase', (phase) => {
  it.each(Object.keys(EVENTS) as EventType[])('%s', (type) => {
    const expected = TRANSITIONS[phase][type].split('|');
    EVENTS[type].forEach((event, i) => {
      const before = inPhase(phase);
      const after = reduce(before, event);
      const want = expected[i] ?? expected[0];
      if (want === 'same') expect(after).toBe(before);
      else {
        expect(after.phase).toBe(want);
        expect(after).not.toEqual(before);
      }
      tested++;
    });
  });
});

describe('what the events do', () => {
  it('an edit keeps the normalized value, puts the caret after the same character, and starts a new attempt', () => {
    const after = reduce(inPhase('form'), EVENTS.edited[0] as FrameEvent);
    expect(after.values.cardNumber).toBe('62220200');
    expect(after.caret).toEqual({ field: 'cardNumber', at: 9 });
    expect(after.attemptKey).toBe('key-1');
  });

  it('a field left is touched once; the consent and a choice are kept', () => {
    let state = reduce(reduce(inPhase('form'), { type: 'left', field: 'name' }), { type: 'left', field: 'name' });
    expect(state.touched).toEqual(['name']);
    state = reduce(state, { type: 'consented', checked: true });
    state = reduce(state, { type: 'chose', choice: { code: 'CCB', type: 'CREDIT' }, key: 'key-9' });
    expect([state.consent, state.choice, state.attemptKey]).toEqual([true, { code: 'CCB', type: 'CREDIT' }, 'key-9']);
  });

  it("the BIN's bank fills a bind's choice, not a verification's; no BIN clears the bank, not the choice", () => {
    const bank = { code: 'ICBC', name: '工商银行', type: 'DEBIT' as const };
    const bind = reduce(inPhase('form'), { type: 'binFound', bank, fillChoice: true });
    expect([bind.bank, bind.choice]).toEqual([bank, { code: 'ICBC', type: 'DEBIT' }]);
    const verify = reduce(inPhase('form'), { type: 'binFound', bank, fillChoice: false });
    expect(verify.choice).toEqual({ code: undefined, type: undefined });
    const cleared = reduce(bind, { type: 'binFound', bank: undefined, fillChoice: false });
    expect([cleared.bank, cleared.choice]).toEqual([undefined, { code: 'ICBC', type: 'DEBIT' }]);
  });

  it('a verification: announced, then its result shown and announced; a refusal goes back to the form, saying why', () => {
    let state = reduce(inPhase('form'), { type: 'verifying', announcement: '验证中' });
    expect(state.announcement).toBe('验证中');
    const done = reduce(state, { type: 'verified', ok: true, result: { text: 'ok', card: '6222…' } });
    expect([done.result, done.announcement]).toEqual([{ text: 'ok', card: '6222…' }, 'ok']);
    state = reduce(state, { type: 'refused', text: 'too many' });
    expect([state.phase, state.result, state.announcement]).toEqual(['form', { text: 'too many' }, 'too many']);
  });

  it('a bind spends the token (a fresh one is needed for the next), and its end is shown', () => {
    let state = reduce({ ...inPhase('form'), tokenSpent: false }, { type: 'redirecting', announcement: 'go' });
    expect(state.tokenSpent).toBe(true);
    state = reduce(state, { type: 'tokenRenewed' });
    expect(state.tokenSpent).toBe(false);
    state = reduce(state, { type: 'redirecting', announcement: 'go' });
    expect(state.tokenSpent).toBe(true);
    state = reduce(state, { type: 'bound', ok: false, result: { text: 'declined' } });
    expect([state.phase, state.result?.text]).toEqual(['failed', 'declined']);
  });

  it('again: back to the form with a new attempt, the card and its bank kept or cleared', () => {
    const filled: FrameState = {
      ...inPhase('failed'),
      values: { name: '张三', idNumber: '', cardNumber: '6222020000000001008', phone: '' },
      bank: { code: 'ICBC', name: '工商银行', type: 'DEBIT' },
      choice: { code: 'ICBC', type: 'DEBIT' },
      submitted: true,
      result: { text: 'declined' },
    };
    const kept = reduce(filled, { type: 'again', keepCard: true, key: 'k' });
    expect([kept.phase, kept.values.cardNumber, kept.submitted, kept.result, kept.attemptKey]).toEqual([
      'form',
      '6222020000000001008',
      false,
      undefined,
      'k',
    ]);
    const cleared = reduce(filled, { type: 'again', keepCard: false, key: 'k' });
    expect([cleared.values, cleared.bank, cleared.choice]).toEqual([
      { ...filled.values, cardNumber: '' },
      undefined,
      { code: undefined, type: undefined },
    ]);
  });

  it('resuming after the bank starts waiting, and says so', () => {
    expect(initialState(true, '等待银行结果', 'k')).toMatchObject({ phase: 'waiting', announcement: '等待银行结果' });
    expect(initialState(false, '等待银行结果', 'k')).toMatchObject({ phase: 'form', announcement: '' });
  });
});
