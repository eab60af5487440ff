import { toHex } from '../../crypto/encoding.js';
import { KeyCache } from '../../crypto/key-cache.js';
import { HmacSha256Key, hmacSha256Sync, sha256Sync } from '../../crypto/sync-hash.js';

export const TC3_ALGORITHM = 'TC3-HMAC-SHA256';

export interface Tc3Input {
  secretId: string;
  secretKey: string;
  /** The first label of the endpoint host, e.g. `faceid`. */
  service: string;
  /** Timestamp in seconds. */
  timestamp: number;
  method: string;
  /** Headers to sign (at least content-type and host); names any case. */
  headers: Readonly<Record<string, string>>;
  payload: string | Uint8Array;
  /** Query string, empty for POST. */
  query?: string;
}

let lastDate = { timestamp: Number.NaN, date: '' };

/** UTC date (YYYY-MM-DD) of a timestamp in seconds: the credential scope's date (memoized: one signature asks thrice). */
export function tc3Date(timestamp: number): string {
  if (timestamp !== lastDate.timestamp) {
    lastDate = { timestamp, date: new Date(timestamp * 1000).toISOString().slice(0, 10) };
  }
  return lastDate.date;
}

/** CanonicalRequest = Method \n / \n query \n CanonicalHeaders \n SignedHeaders \n hex(SHA256(payload)). */
export function tc3CanonicalRequest(input: Tc3Input): { canonical: string; signedHeaders: string } {
  const headers = Object.entries(input.headers)
    // Tencent's rule: header names and values in lower case, trimmed.
    .map(([name, value]): [string, string] => [name.toLowerCase(), value.trim().toLowerCase()])
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonicalHeaders = headers.map(([n, v]) => `${n}:${v}\n`).join('');
  const signedHeaders = headers.map(([n]) => n).join(';');
  const payloadHash = toHex(sha256Sync(input.payload));
  const canonical = `${input.method.toUpperCase()}\n/\n${input.query ?? ''}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
  return { canonical, signedHeaders };
}

export function tc3StringToSign(timestamp: number, service: string, canonicalRequest: string): string {
  const scope = `${tc3Date(timestamp)}/${service}/tc3_request`;
  return `${TC3_ALGORITHM}\n${timestamp}\n${scope}\n${toHex(sha256Sync(canonicalRequest))}`;
}

// The signing key changes once a day per secret and service: derive it once.
// Signing is synchronous: small HMACs cost less than WebCrypto's async dispatch.
const signingKeys = new KeyCache<HmacSha256Key>();

/** kDate = HMAC("TC3" + key, Date); kService = HMAC(kDate, service); kSigning = HMAC(kService, "tc3_request"). */
function tc3SigningKey(secretKey: string, date: string, service: string): HmacSha256Key {
  return signingKeys.get(`${date}\n${service}\n${secretKey}`, () => {
    const kDate = hmacSha256Sync(`TC3${secretKey}`, date);
    const kService = hmacSha256Sync(kDate, service);
    return new HmacSha256Key(hmacSha256Sync(kService, 'tc3_request'));
  });
}

export function tc3Signature(secretKey: string, timestamp: number, service: string, stringToSign: string): string {
  return toHex(tc3SigningKey(secretKey, tc3Date(timestamp), service).mac(stringToSign));
}

/** The `Authorization` header value for a request. */
export function tc3Authorization(input: Tc3Input): string {
  const { canonical, signedHeaders } = tc3CanonicalRequest(input);
  const stringToSign = tc3StringToSign(input.timestamp, input.service, canonical);
  const signature = tc3Signature(input.secretKey, input.timestamp, input.service, stringToSign);
  const scope = `${tc3Date(input.timestamp)}/${input.service}/tc3_request`;
  return `${TC3_ALGORITHM} Credential=${input.secretId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

export interface Tc3Authorization {
  secretId: string;
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** Parses an `Authorization` header (for tests); undefined when malformed. */
export function parseTc3Authorization(header: string): Tc3Authorization | undefined {
  const m =
    /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/.exec(
      header,
    );
  if (!m) return undefined;
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = m;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
}
