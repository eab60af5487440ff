import { toHex } from '../../crypto/encoding.js';
import { hmacSha256Sync, sha256Sync } from '../../crypto/sync-hash.js';
import { sortedQuery } from './percent-encode.js';

export const ACS3_ALGORITHM = 'ACS3-HMAC-SHA256';

export interface Acs3Input {
  accessKeyId: string;
  accessKeySecret: string;
  method: string;
  /** `/` for RPC-style APIs. */
  path: string;
  query: Readonly<Record<string, string>>;
  /** Every header sent that is signed: host, content-type and all `x-acs-*` (names any case). */
  headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body (`x-acs-content-sha256`). */
  payloadHash: string;
}

/** The signed headers: `host`, `content-type` and every `x-acs-*`, lower-cased, sorted. */
function signedHeaders(headers: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(headers)
    .map(([name, value]): [string, string] => [name.toLowerCase(), value.trim()])
    .filter(([name]) => name === 'host' || name === 'content-type' || name.startsWith('x-acs-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Method \n path \n sorted query \n `name:value\n`… \n names;… \n payload hash. */
export function acs3CanonicalRequest(input: Acs3Input): { canonical: string; signed: string } {
  const headers = signedHeaders(input.headers);
  const signed = headers.map(([name]) => name).join(';');
  const canonicalHeaders = headers.map(([name, value]) => `${name}:${value}\n`).join('');
  const canonical = `${input.method.toUpperCase()}\n${input.path}\n${sortedQuery(input.query)}\n${canonicalHeaders}\n${signed}\n${input.payloadHash}`;
  return { canonical, signed };
}

/** Hex HMAC-SHA256 (keyed with the secret) of `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request. */
export function acs3Signature(accessKeySecret: string, canonical: string): string {
  return toHex(hmacSha256Sync(accessKeySecret, `${ACS3_ALGORITHM}\n${toHex(sha256Sync(canonical))}`));
}

/** The `Authorization` header value. */
export function acs3Authorization(input: Acs3Input): string {
  const { canonical, signed } = acs3CanonicalRequest(input);
  return `${ACS3_ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signed},Signature=${acs3Signature(input.accessKeySecret, canonical)}`;
}

/** Hex SHA-256 of a body (`x-acs-content-sha256`). */
export const acs3PayloadHash = (body: string): string => toHex(sha256Sync(body));
