/** Verification requests of the sandbox cardholder, and a fetch that records what was sent. */
import type { FourElementRequest, VerifyRequest } from '../src/contract/index.js';
import { HOLDER } from './simulators.js';

/** A valid resident ID with a wrong check digit. */
export const BAD_CHECKSUM_ID = '110105194912310021';
/** A Hong Kong / Macau residence permit number: valid, but not a second-generation resident ID. */
export const PERMIT_ID = '810000199408230021';

let orderSeq = 0;

/** Fields a test may override in a verification request. */
export type RequestOverrides = Partial<Omit<FourElementRequest, 'kind'>>;

/**
 * A verification of the test cardholder, with a fresh order number; overrides change single fields.
 * A 2-element request carries no ID number or phone, whatever the overrides say.
 */
export function verifyRequest(kind: 2 | 3 | 4, overrides: RequestOverrides = {}): VerifyRequest {
  const orderNo = `T${Date.now()}${orderSeq++}`;
  if (kind === 2) {
    const { idNumber: _id, phone: _phone, ...rest } = overrides;
    return { kind, orderNo, name: HOLDER.name, cardNumber: HOLDER.cardNumber, ...rest };
  }
  const base = { orderNo, name: HOLDER.name, idNumber: HOLDER.idNumber, cardNumber: HOLDER.cardNumber };
  if (kind === 3) {
    const { phone: _phone, ...rest } = overrides;
    return { kind, ...base, ...rest };
  }
  return { kind, ...base, phone: HOLDER.phone, ...overrides };
}

/** A fetch that records what each request sent (URL, headers, body), then sends it. */
export function recordingFetch() {
  const sent: { url: string; headers: Headers; body: string }[] = [];
  const record: typeof fetch = async (input, init) => {
    sent.push({ url: String(input), headers: new Headers(init?.headers), body: String(init?.body) });
    return fetch(input, init);
  };
  return { sent, fetch: record };
}

/** A row of a provider's code table as a test expects it: the code, the request that gets it, the outcome. */
export type OutcomeCase = [code: string, input: RequestOverrides, status: string, reason: string, charged: boolean];
