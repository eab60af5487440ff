/**
 * The sandbox's simulators as fixtures for the providers' tests: each is served over real HTTP on
 * loopback, speaks its provider's wire format and checks its signatures.
 */
import { CARDHOLDERS } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { expect } from 'vitest';
import { afterThis } from '../../../scripts/test-processes/track.js';
import {
  type CallContextOptions,
  canServe,
  createCallContext,
  type FourElementRequest,
  type Provider,
  type VerifyRequest,
  verifyWith,
} from '../src/contract/index.js';

/** Serves a simulator on a real loopback port for the file's tests; closed after them. */
export async function serveForSuite(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = await listen(app.fetch);
  afterThis(() => server.close());
  return server;
}

export function ctx(options: CallContextOptions = {}) {
  return createCallContext({ timeoutMs: 5_000, ...options });
}

const [first] = CARDHOLDERS;
if (!first) throw new Error('the sandbox has no cardholders');
/** The sandbox's first cardholder: every element matches, so each scenario is the card's alone. */
export const HOLDER = {
  name: first.name,
  idNumber: first.idNumber,
  cardNumber: `${first.cards[0]}`,
  phone: first.phone,
};
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

/** A provider without a 2-element API: it has no verify2, and a kind-2 request sends nothing. */
export async function expectNoTwoElementCheck(provider: Provider) {
  const recording = recordingFetch();
  expect(canServe(provider, 'verify2')).toBe(false);
  await expect(verifyWith(provider, verifyRequest(2), ctx({ fetch: recording.fetch }))).rejects.toMatchObject({
    code: 'ERR_CAPABILITY_UNSUPPORTED',
  });
  expect(recording.sent).toEqual([]);
}
