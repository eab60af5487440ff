import type { BankChoice } from './bank-picker.js';
import { caretAfterEdit, INPUT_FIELDS, type InputField, normalizeInput } from './input.js';

/**
 * The frame as a state machine: what it shows (`phase`), what the person typed and chose, and
 * what it says. `reduce(state, event)` is pure (no request, no timer, no DOM): the hooks and
 * components send events, and every phase's answer to every event is tested in Node.
 */

export type Phase = 'form' | 'verifying' | 'verified' | 'rejected' | 'redirecting' | 'waiting' | 'bound' | 'failed';
export const PHASES: readonly Phase[] = [
  'form',
  'verifying',
  'verified',
  'rejected',
  'redirecting',
  'waiting',
  'bound',
  'failed',
];

/** The bank and card type the card number's first digits name. */
export interface BinBank {
  code: string;
  name: string;
  type: 'DEBIT' | 'CREDIT';
}

/** A result to show: its text, and the masked card it is about. */
export interface Shown {
  text: string;
  card?: string;
}

export interface FrameState {
  phase: Phase;
  values: Record<InputField, string>;
  /** Where the caret goes in the field just edited. */
  caret: { field: InputField; at: number } | undefined;
  /** Fields the person has left (their errors show from then on). */
  touched: readonly InputField[];
  /** The person pressed the button (every error shows). */
  submitted: boolean;
  consent: boolean;
  /** What the card's BIN says. */
  bank: BinBank | undefined;
  /** Bind: the bank and card type chosen (the BIN fills them; the person can change them). */
  choice: BankChoice;
  result: Shown | undefined;
  /** What a screen reader hears now. */
  announcement: string;
  /** One attempt, one key: pressing again with the same values replays the answer, no second charge. */
  attemptKey: string;
  /** The token made its one bind order: the next needs a fresh token. */
  tokenSpent: boolean;
  /** Every company the verifications may reach, as the BFF's routing says (the consent names them). */
  recipients: readonly string[] | undefined;
}

export type FrameEvent =
  | { type: 'edited'; field: InputField; raw: string; at: number; key: string }
  | { type: 'left'; field: InputField }
  | { type: 'consented'; checked: boolean }
  | { type: 'binFound'; bank: BinBank | undefined; fillChoice: boolean }
  | { type: 'chose'; choice: BankChoice; key: string }
  /** The button was pressed with something missing: every error shows. */
  | { type: 'incomplete'; announcement?: string }
  | { type: 'verifying'; announcement: string }
  | { type: 'verified'; ok: boolean; result: Shown }
  /** A verification that got no outcome (an error): back to the form, saying why. */
  | { type: 'refused'; text: string }
  | { type: 'redirecting'; announcement: string }
  | { type: 'bound'; ok: boolean; result: Shown }
  | { type: 'tokenRenewed' }
  | { type: 'noToken'; text: string }
  | { type: 'recipients'; names: readonly string[] }
  | { type: 'again'; keepCard: boolean; key: string };

export type EventType = FrameEvent['type'];

/** What the person typed into the server-rendered form before its script ran (main.tsx reads it). */
export interface Typed {
  values: Partial<Record<InputField, string>>;
  consent: boolean;
}

export function initialState(resuming: boolean, waiting: string, key: string, typed?: Typed): FrameState {
  return {
    phase: resuming ? 'waiting' : 'form',
    values: Object.fromEntries(
      INPUT_FIELDS.map((field) => [field, normalizeInput(field, typed?.values[field] ?? '')]),
    ) as Record<InputField, string>,
    caret: undefined,
    touched: [],
    submitted: false,
    consent: typed?.consent ?? false,
    bank: undefined,
    choice: { code: undefined, type: undefined },
    result: undefined,
    announcement: resuming ? waiting : '',
    attemptKey: key,
    tokenSpent: false,
    recipients: undefined,
  };
}

/** While a request is out or a result is final, the form takes no input. */
const editable = (phase: Phase) => phase === 'form' || phase === 'rejected';

/** Where each event leads from each phase: the state after it, or the state as it was. */
export function reduce(state: FrameState, event: FrameEvent): FrameState {
  const { phase } = state;
  switch (event.type) {
    case 'edited':
      if (!editable(phase)) return state;
      return {
        ...state,
        values: { ...state.values, [event.field]: normalizeInput(event.field, event.raw) },
        caret: { field: event.field, at: caretAfterEdit(event.field, event.raw, event.at) },
        // New values, new attempt.
        attemptKey: event.key,
      };
    case 'left':
      return state.touched.includes(event.field) ? state : { ...state, touched: [...state.touched, event.field] };
    case 'consented':
      return editable(phase) ? { ...state, consent: event.checked } : state;
    case 'binFound': {
      if (phase === 'waiting' || phase === 'bound' || phase === 'failed') return state;
      const bank = event.bank;
      // Bind: the card's bank and type fill the choice (the person can still change them).
      const choice = bank && event.fillChoice ? { code: bank.code, type: bank.type } : state.choice;
      return { ...state, bank, choice };
    }
    case 'chose':
      return editable(phase) ? { ...state, choice: event.choice, attemptKey: event.key } : state;
    case 'incomplete':
      if (!editable(phase)) return state;
      return { ...state, submitted: true, announcement: event.announcement ?? state.announcement };
    case 'verifying':
      return editable(phase) ? { ...state, phase: 'verifying', announcement: event.announcement } : state;
    case 'verified':
      if (phase !== 'verifying') return state;
      return {
        ...state,
        phase: event.ok ? 'verified' : 'rejected',
        result: event.result,
        announcement: event.result.text,
      };
    case 'refused':
      if (phase !== 'verifying') return state;
      return { ...state, phase: 'form', result: { text: event.text }, announcement: event.text };
    case 'redirecting':
      // (Again from `redirecting`: a fresh token's order is under way.)
      if (!editable(phase) && phase !== 'verified' && phase !== 'redirecting') return state;
      return { ...state, phase: 'redirecting', announcement: event.announcement, tokenSpent: true };
    case 'bound':
      if (phase !== 'redirecting' && phase !== 'waiting') return state;
      return { ...state, phase: event.ok ? 'bound' : 'failed', result: event.result, announcement: event.result.text };
    case 'tokenRenewed':
      return { ...state, tokenSpent: false };
    case 'recipients':
      return { ...state, recipients: event.names };
    case 'noToken':
      return { ...state, result: { text: event.text }, announcement: event.text };
    case 'again': {
      if (phase !== 'verified' && phase !== 'failed') return state;
      const reset = { ...state, phase: 'form' as const, result: undefined, submitted: false, attemptKey: event.key };
      if (event.keepCard) return reset;
      return {
        ...reset,
        values: { ...state.values, cardNumber: '' },
        choice: { code: undefined, type: undefined },
        bank: undefined,
      };
    }
  }
}
