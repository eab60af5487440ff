import { timingSafeEqual } from '@cardbind/core/crypto';
import type { ReplayGuard } from '../shared/replay-guard.js';
import { rpcExpected } from '../shared/signature-acs-rpc.js';
import { acs3Expected, bodySha256, readAcs3Authorization } from '../shared/signature-acs3.js';

export const ACTION = 'BankMetaVerify';
export const VERSION = '2019-03-07';
const CLOCK_WINDOW_MS = 15 * 60_000;
const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** What a V3 signature must cover. */
const MUST_SIGN = [
  'host',
  'x-acs-action',
  'x-acs-content-sha256',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-version',
];

export type Authenticated =
  | { scheme: 'v3' | 'v1'; accessKeyId: string; params: Map<string, string> }
  | { error: string; status: number };

const refuse = (error: string, status = 400): Authenticated => ({ error, status });

/**
 * The gateway's part, in its order: which signature, the credential, the clock, the signature
 * itself, the nonce, then the action and version. The parameters are the query's, and a form
 * body's (V1 signs both).
 */
export async function authenticate(
  request: Request,
  secrets: Readonly<Record<string, string>>,
  nonces: ReplayGuard,
  now: number,
): Promise<Authenticated> {
  const url = new URL(request.url);
  const body = new Uint8Array(await request.arrayBuffer());
  const pairs: [string, string][] = [...url.searchParams];
  if ((request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded')) {
    pairs.push(...new URLSearchParams(new TextDecoder().decode(body)));
  }
  const params = new Map(pairs);
  const authorization = request.headers.get('authorization');
  const v3 = authorization !== null;
  if (!v3 && !params.has('Signature')) return refuse('IncompleteSignature');

  let accessKeyId: string;
  let date: string;
  let nonce: string;
  let expected: (secret: string) => string;
  let given: string;
  if (v3) {
    const credential = readAcs3Authorization(authorization);
    if (!credential || MUST_SIGN.some((h) => !credential.signedHeaders.includes(h)))
      return refuse('IncompleteSignature');
    accessKeyId = credential.accessKeyId;
    date = request.headers.get('x-acs-date') ?? '';
    nonce = request.headers.get('x-acs-signature-nonce') ?? '';
    given = credential.signature;
    const hashed = request.headers.get('x-acs-content-sha256') ?? '';
    expected = (secret) =>
      hashed === bodySha256(body)
        ? acs3Expected(
            secret,
            { method: request.method, path: url.pathname, query: [...url.searchParams], headers: request.headers },
            credential.signedHeaders,
          )
        : '';
  } else {
    for (const name of [
      'AccessKeyId',
      'Timestamp',
      'SignatureNonce',
      'SignatureMethod',
      'SignatureVersion',
      'Action',
      'Version',
    ]) {
      if (!params.get(name)) return refuse(`Missing${name}`);
    }
    if (params.get('SignatureMethod') !== 'HMAC-SHA1') return refuse('InvalidSignatureMethod');
    accessKeyId = params.get('AccessKeyId') ?? '';
    date = params.get('Timestamp') ?? '';
    nonce = params.get('SignatureNonce') ?? '';
    given = params.get('Signature') ?? '';
    expected = (secret) => rpcExpected(secret, request.method, pairs);
  }

  const secret = secrets[accessKeyId];
  if (secret === undefined) return refuse('InvalidAccessKeyId.NotFound', 404);
  if (!ISO_SECONDS.test(date)) return refuse('InvalidTimeStamp.Format');
  if (Math.abs(Date.parse(date) - now) > CLOCK_WINDOW_MS) return refuse('InvalidTimeStamp.Expired');
  const enc = new TextEncoder();
  if (!timingSafeEqual(enc.encode(expected(secret)), enc.encode(given))) return refuse('SignatureDoesNotMatch');
  if (!nonce || !nonces.firstUse(`${accessKeyId}|${nonce}`, now)) return refuse('SignatureNonceUsed');

  const action = v3 ? request.headers.get('x-acs-action') : params.get('Action');
  const version = v3 ? request.headers.get('x-acs-version') : params.get('Version');
  if (action !== ACTION || version !== VERSION) return refuse('InvalidApi.NotFound', 404);
  return { scheme: v3 ? 'v3' : 'v1', accessKeyId, params };
}
