import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Alibaba Cloud's V3 signature, ACS3-HMAC-SHA256, as the cloudauth simulator checks it: written
 * here from Alibaba's public description, apart from core's signer (a bug in either is a failing
 * test, not a shared blind spot).
 *
 *   CanonicalRequest = METHOD \n path \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n x-acs-content-sha256
 *     CanonicalQuery: name=value pairs sorted by name, both RFC 3986-encoded (space %20)
 *     CanonicalHeaders: `name:value\n` for each signed header, name lower case, value trimmed
 *   Signature = hex(HMAC-SHA256(AccessKeySecret, "ACS3-HMAC-SHA256\n" + hex(SHA-256(CanonicalRequest))))
 */
const AUTHORIZATION = /^ACS3-HMAC-SHA256 Credential=([^,\s]+),SignedHeaders=([a-z0-9;-]+),Signature=([0-9a-f]{64})$/;

export interface Acs3Credential {
  accessKeyId: string;
  signedHeaders: string[];
  signature: string;
}

export function readAcs3Authorization(header: string): Acs3Credential | undefined {
  const match = AUTHORIZATION.exec(header);
  if (!match) return undefined;
  const [, accessKeyId = '', signed = '', signature = ''] = match;
  return { accessKeyId, signedHeaders: signed.split(';'), signature };
}

/** RFC 3986: unreserved characters stay, every other byte of the UTF-8 is %XY. */
export function rfc3986(text: string): string {
  let out = '';
  for (const byte of utf8ToBytes(text)) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The canonical query of decoded parameters. */
export function canonicalQuery(params: ReadonlyArray<[string, string]>): string {
  return params
    .map(([k, v]): [string, string] => [rfc3986(k), rfc3986(v)])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

export function acs3Expected(
  secret: string,
  request: { method: string; path: string; query: ReadonlyArray<[string, string]>; headers: Headers },
  signedHeaders: readonly string[],
): string {
  const headerLines = signedHeaders.map((name) => `${name}:${(request.headers.get(name) ?? '').trim()}\n`).join('');
  const canonical = [
    request.method.toUpperCase(),
    request.path,
    canonicalQuery(request.query),
    headerLines,
    signedHeaders.join(';'),
    request.headers.get('x-acs-content-sha256') ?? '',
  ].join('\n');
  const stringToSign = `ACS3-HMAC-SHA256\n${bytesToHex(sha256(utf8ToBytes(canonical)))}`;
  return bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(stringToSign)));
}

/** Hex SHA-256 of a body, for `x-acs-content-sha256`. */
export const bodySha256 = (body: Uint8Array): string => bytesToHex(sha256(body));
