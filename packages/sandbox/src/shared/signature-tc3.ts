/**
 * TC3-HMAC-SHA256, Tencent Cloud API 3.0's signature, as the FaceID simulator
 * checks it: written here from Tencent's public description (WebCrypto only),
 * apart from core's signer, so that a bug in core's signer is a failing
 * sandbox test and not a shared blind spot.
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

export async function tc3CanonicalRequestOf(request: Tc3Request, signedHeaders: readonly string[]): Promise<string> {
  const names = signedHeaders.map((name) => name.toLowerCase()).sort();
  const canonicalHeaders = names
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().toLowerCase()}\n`)
    .join('');
  const payloadHash = await sha256Hex(request.payload);
  return `${request.method.toUpperCase()}\n/\n${request.query}\n${canonicalHeaders}\n${names.join(';')}\n${payloadHash}`;
}

/** The signature a client holding `secretKey` computes for this request. */
export async function tc3ExpectedSignature(
  secretKey: string,
  credential: Pick<Tc3Credential, 'date' | 'service' | 'signedHeaders'>,
  timestamp: number,
  request: Tc3Request,
): Promise<string> {
  const canonical = await tc3CanonicalRequestOf(request, credential.signedHeaders);
  const scope = `${credential.date}/${credential.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${await sha256Hex(canonical)}`;
  const kDate = await hmac(text(`TC3${secretKey}`), credential.date);
  const kService = await hmac(kDate, credential.service);
  const kSigning = await hmac(kService, 'tc3_request');
  return hex(await hmac(kSigning, stringToSign));
}

const text = (value: string) => new TextEncoder().encode(value);

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function sha256Hex(value: string): Promise<string> {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', text(value))));
}

async function hmac(key: Uint8Array<ArrayBuffer>, message: string): Promise<Uint8Array<ArrayBuffer>> {
  const imported = await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await crypto.subtle.sign('HMAC', imported, text(message)));
}
