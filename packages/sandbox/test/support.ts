import { readFileSync } from 'node:fs';
import {
  type CallContextOptions,
  canServe,
  createCallContext,
  type FourElementRequest,
  type Provider,
  type VerifyRequest,
  verifyWith,
} from '@cardbind/core/contract';
import type { Hono } from 'hono';
import { afterAll, expect } from 'vitest';
import { type Listening, listen } from '../src/node.js';

/** Serves a simulator on a real loopback port for the file's tests; closed after them. */
export async function serveForSuite(app: Hono): Promise<Listening> {
  const server = await listen(app.fetch);
  afterAll(() => server.close());
  return server;
}

export function ctx(options: CallContextOptions = {}) {
  return createCallContext({ timeoutMs: 5_000, ...options });
}

export const HOLDER = {
  name: '张三',
  idNumber: '11010519491231002X',
  cardNumber: '6222020000000001008',
  phone: '13800138000',
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

/** The rows of the sandbox README's table that starts with `header` (its header and rule skipped). */
export function readmeTableRows(header: string): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(header);
  if (start < 0) return [];
  const lines = readme.slice(start).split('\n').slice(2);
  const end = lines.findIndex((line) => !line.startsWith('|'));
  return end < 0 ? lines : lines.slice(0, end);
}
