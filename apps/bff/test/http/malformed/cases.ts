import fc from 'fast-check';
import type { RefusalCode } from '../../../src/refusals.js';
import { ORIGIN } from '../../support/sandbox.js';

/** A malformed request, with the error codes it may get. */
export interface Case {
  kind: string;
  method?: 'GET' | 'POST' | 'OPTIONS';
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  expect: RefusalCode[];
}

/** What the cases are made against: a BFF, a valid widget token and its server's signing key. */
export interface CorpusContext {
  bffUrl: string;
  token: string;
  serverKey: { kid: string; privateJwk: Record<string, string> };
  /** A valid 3-element verification body. */
  valid: { kind: number; name: string; idNumber: string; cardNumber: string | undefined; consent: boolean };
}

const seed = 20261122;
/** `n` values of `arb`, the same on every run. */
export const sample = <T>(arb: fc.Arbitrary<T>, n: number) => fc.sample(arb, { numRuns: n, seed });
export const json = (v: unknown) => JSON.stringify(v);

/** Cases for POST /v1/verifications with the context's token and a fresh Idempotency-Key each. */
// One count for every case of the corpus: no two share an Idempotency-Key.
let idem = 0;

export function verificationCases({ token }: CorpusContext) {
  const verifyHeaders = (extra: Record<string, string> = {}) => ({
    'content-type': 'application/json',
    origin: ORIGIN,
    authorization: `Bearer ${token}`,
    'idempotency-key': `corpus-${idem++}-key`,
    ...extra,
  });
  const verifyCase = (
    kind: string,
    body: string | Uint8Array<ArrayBuffer>,
    expectCodes: RefusalCode[],
    headers = {},
  ): Case => ({
    kind,
    method: 'POST',
    path: '/v1/verifications',
    headers: verifyHeaders(headers),
    body,
    expect: expectCodes,
  });
  return { verifyHeaders, verifyCase };
}
