import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's signature, as the FaceID simulator
 * checks it: written here from Tencent's public description, apart from
 * core's signer, so that a bug in core's signer is a failing sandbox test and
 * not a shared blind spot. Hashing is @noble/hashes, synchronous: six
 * WebCrypto round trips per request made the simulator the bottleneck of
 * every benchmark that calls it.
 *
 *   CanonicalRequest = METHOD \n / \n query \n CanonicalHeaders \n SignedHeaders \n hex(SHA-256(payload))
 *     CanonicalHeaders: `name:value\n` for each signed header, name and value
 *     lower case and trimmed, sorted by name
 *   StringToSign = TC3-HMAC-SHA256 \n timestamp \n date/service/tc3_request \n hex(SHA-256(CanonicalRequest))
 *   kDate = HMAC("TC3" + SecretKey, date), kService = HMAC(kDate, service),
 *   kSigning = HMAC(kService, "tc3_request"), Signature = hex(HMAC(kSigning, StringToSign))
 */

export interface Tc3Credential {
  secretId: string;
  /** The UTC date (YYYY-MM-DD) the client signed for. */
  date: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION =
  /^TC3-HMAC-SHA256 Credential=([^/\s]+)\/(\d{4}-\d{2}-\d{2})\/([^/\s]+)\/tc3_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;

/** `TC3-HMAC-SHA256 Credential=<SecretId>/<date>/<service>/tc3_request, SignedHeaders=<a;b>, Signature=<hex>`. */
export function readTc3Authorization(header: string): Tc3Credential | undefined {
  const match = AUTHORIZATION.exec(header);
  if (!match) return undefined;
  const [, secretId = '', date = '', service = '', signed = '', signature = ''] = match;
  return { secretId, date, service, signedHeaders: signed.split(';'), signature };
}

/** The UTC date of a timestamp in seconds. */
export function tc3DateOf(timestamp: number): string {
  return new Date(timestamp * 1000).toISOString().slice(0, 10);
}

export interface Tc3Request {
  method: string;
  /** Empty for a POST. */
  query: string;
  /** The signed headers' values, by lower-case name. */
  headers: Readonly<Record<string, string>>;
  payload: string;
}

export function tc3CanonicalRequestOf(request: Tc3Request, signedHeaders: readonly string[]): string {
  const names = signedHeaders.map((name) => name.toLowerCase()).sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().toLowerCase()}\n`)
    .join('');
  const payloadHash = sha256Hex(request.payload);
  return `${request.method.toUpperCase()}\n/\n${request.query}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
}

/** The signature a client holding `secretKey` computes for this request. */
export function tc3ExpectedSignature(
  secretKey: string,
  credential: Pick<Tc3Credential, 'date' | 'service' | 'signedHeaders'>,
  timestamp: number,
  request: Tc3Request,
): string {
  const canonical = tc3CanonicalRequestOf(request, credential.signedHeaders);
  const scope = `${credential.date}/${credential.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256Hex(canonical)}`;
  return bytesToHex(
    hmac(sha256, signingKey(secretKey, credential.date, credential.service), utf8ToBytes(stringToSign)),
  );
}

/** kSigning changes once a day per key and service: derived once (a bounded memo). */
const signingKeys = new Map<string, Uint8Array>();
function signingKey(secretKey: string, date: string, service: string): Uint8Array {
  const id = `${date}\n${service}\n${secretKey}`;
  let key = signingKeys.get(id);
  if (!key) {
    const kDate = hmac(sha256, utf8ToBytes(`TC3${secretKey}`), utf8ToBytes(date));
    key = hmac(sha256, hmac(sha256, kDate, utf8ToBytes(service)), utf8ToBytes('tc3_request'));
    if (signingKeys.size >= 64) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

const sha256Hex = (value: string) => bytesToHex(sha256(utf8ToBytes(value)));
