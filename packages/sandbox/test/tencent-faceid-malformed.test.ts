// Every class of malformed FaceID request, sent as a client would send it, answered with the
// code Tencent Cloud API 3.0 answers; the sandbox README's table lists exactly these rows.
import { FACEID_VERSION, tc3Authorization } from '@cardbind/core/providers/tencent-faceid/internal';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/index.js';
import { v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';
import { createFaceIdSimulator } from '../src/tencent-faceid/app.js';
import { HOLDER, readmeTableRows, serveForSuite } from './support.js';

const server = await serveForSuite(createFaceIdSimulator({ qps: 10_000 }).app);
// A stopped clock, so the two requests of the rate-limit row always fall in the same second.
const stoppedAt = Date.now();
const limited = await serveForSuite(createFaceIdSimulator({ qps: 1, now: () => stoppedAt }).app);
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;
const fields = { Name: HOLDER.name, IdCard: HOLDER.idNumber, BankCard: HOLDER.cardNumber };

interface Tc3Options {
  url?: string;
  action?: string;
  version?: string;
  timestamp?: number;
  secretId?: string;
  secretKey?: string;
  headers?: Record<string, string>;
  /** Signed as `payload`, sent as `sent`. */
  sent?: string;
}

/** A TC3-signed JSON POST, as an API 3.0 client sends it. */
async function tc3(payload: string, options: Tc3Options = {}) {
  const url = options.url ?? server.url;
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signed = { 'content-type': 'application/json', host: new URL(url).host };
  const authorization = await tc3Authorization({
    secretId: options.secretId ?? secretId,
    secretKey: options.secretKey ?? secretKey,
    service: 'faceid',
    timestamp,
    method: 'POST',
    headers: signed,
    payload,
  });
  return fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization,
      'x-tc-action': options.action ?? 'BankCardVerification',
      'x-tc-timestamp': String(timestamp),
      'x-tc-version': options.version ?? FACEID_VERSION,
      ...options.headers,
    },
    body: options.sent ?? payload,
  });
}
const json = (body: Record<string, unknown>) => JSON.stringify(body);

/** A v1-signed GET (HmacSHA256), its parameters flat. */
async function v1(params: Record<string, string>) {
  const all = new Map(
    Object.entries({
      Action: 'BankCardVerification',
      Version: FACEID_VERSION,
      SecretId: secretId,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      Nonce: '7',
      SignatureMethod: 'HmacSHA256',
      ...params,
    }),
  );
  all.set(
    'Signature',
    await v1Signature(secretKey, 'HmacSHA256', v1StringToSign('GET', new URL(server.url).host, '/', all)),
  );
  return fetch(`${server.url}/?${new URLSearchParams([...all])}`);
}

/** [request class, as the README's table names it; the code; how a client sends it]. */
const MALFORMED: [string, string, () => Promise<Response>][] = [
  [
    'no Authorization, or not a TC3 one',
    'AuthFailure.InvalidAuthorization',
    () => tc3(json(fields), { headers: { authorization: 'Basic eDp5' } }),
  ],
  [
    'timestamp more than 5 minutes off',
    'AuthFailure.SignatureExpire',
    () => tc3(json(fields), { timestamp: Math.floor(Date.now() / 1000) - 301 }),
  ],
  ['unknown SecretId', 'AuthFailure.SecretIdNotFound', () => tc3(json(fields), { secretId: 'AKIDnobody' })],
  [
    'signature that does not match (TC3: a body changed after signing; v1: a wrong key)',
    'AuthFailure.SignatureFailure',
    () => tc3(json(fields), { sent: json({ ...fields, Name: '李四' }) }),
  ],
  [
    'STS token the service does not know',
    'FailedOperation.StsUnAuthErrError',
    () => tc3(json(fields), { headers: { 'x-tc-token': 'sts-token' } }),
  ],
  ['unknown Version', 'NoSuchVersion', () => tc3(json(fields), { version: '2017-01-01' })],
  ['unknown Action', 'InvalidAction', () => tc3(json(fields), { action: 'BankCard5EVerification' })],
  ['body not a JSON object', 'InvalidParameter', () => tc3('[1,2]')],
  [
    'parameter the action does not define (`Foo`; `Phone` on the 3-element action)',
    'UnknownParameter',
    () => tc3(json({ ...fields, Phone: HOLDER.phone })),
  ],
  [
    'missing parameter (an action parameter; a v1 common one)',
    'MissingParameter',
    () => v1({ Name: HOLDER.name, IdCard: HOLDER.idNumber }),
  ],
  ['field of the wrong type, or empty', 'InvalidParameter', () => tc3(json({ ...fields, Name: 42 }))],
  ['field too long; `CertType` other than 0', 'InvalidParameterValue', () => v1({ ...fields, CertType: '1' })],
  [
    '`EncryptList` naming a field that cannot be encrypted',
    'InvalidParameter.UnsupportEncryptField',
    () => tc3(json({ ...fields, Encryption: { EncryptList: ['CertType'], CiphertextBlob: 'x', Iv: 'y' } })),
  ],
  [
    '`Encryption` that does not decrypt',
    'FailedOperation.DecryptSystemError',
    () => tc3(json({ ...fields, Encryption: { EncryptList: ['Name'], CiphertextBlob: 'bm90IGEga2V5', Iv: 'x' } })),
  ],
  [
    'more than 20 requests a second per SecretId and action',
    'RequestLimitExceeded',
    async () => {
      const timestamp = Math.floor(stoppedAt / 1000);
      await tc3(json(fields), { url: limited.url, timestamp });
      return tc3(json(fields), { url: limited.url, timestamp });
    },
  ],
];

describe('FaceID: each malformed request class gets the code API 3.0 answers', () => {
  it.each(MALFORMED)('%s → %s', async (_class, code, send) => {
    const res = await send();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { Response: { Error?: { Code: string }; RequestId: string } };
    expect(answer.Response.Error?.Code).toBe(code);
    expect(answer.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("is the sandbox README's table, row for row", () => {
    const rows = readmeTableRows('| FaceID request | code |');
    expect(rows).toEqual(MALFORMED.map(([what, code]) => `| ${what} | \`${code}\` |`));
  });
});
