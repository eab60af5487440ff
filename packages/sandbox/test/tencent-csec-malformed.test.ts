// Every class of malformed csec (API 2.0) request, sent as a client would send it, answered with the
// code the csec document gives; the sandbox README's csec table lists exactly these rows.
import { CSEC_PATH } from '@cardbind/core/providers/tencent-csec/internal';
import { describe, expect, it } from 'vitest';
import { ACCOUNT_STATE_SECRET_IDS, SANDBOX_CREDENTIALS } from '../src/index.js';
import { v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';
import { createCsecSimulator } from '../src/tencent-csec/app.js';
import { HOLDER, readmeTableRows, serveForSuite } from './support.js';

const server = await serveForSuite(createCsecSimulator().app);
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentCsec;
let nonce = 1;
const order = () => `malformed${Date.now()}${nonce}`;
const fields = () => ({
  Action: 'BspBankCard3Auth',
  orderNo: order(),
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  bankCardNumber: HOLDER.cardNumber,
});

interface SendOptions {
  key?: string;
  contentType?: string;
}

/** A signed form POST of `params` (common parameters added unless given). */
async function send(params: Record<string, string>, options: SendOptions = {}) {
  const all = new Map(
    Object.entries({
      SecretId: secretId,
      Timestamp: String(Math.floor(Date.now() / 1000)),
      Nonce: String(nonce++),
      SignatureMethod: 'HmacSHA256',
      ...params,
    }),
  );
  const toSign = v1StringToSign('POST', '127.0.0.1', CSEC_PATH, all);
  all.set('Signature', await v1Signature(options.key ?? secretKey, 'HmacSHA256', toSign));
  return fetch(new URL(CSEC_PATH, server.url), {
    method: 'POST',
    headers: { 'content-type': options.contentType ?? 'application/x-www-form-urlencoded' },
    body: new URLSearchParams([...all]).toString(),
  });
}

/** [request class, as the README's table names it; the code; how a client sends it]. */
const MALFORMED: [string, string, () => Promise<Response>][] = [
  ['body not a form (`text/plain`)', '4000', () => send(fields(), { contentType: 'text/plain' })],
  ['common parameter missing, or an unknown Action', '4000', () => send({ ...fields(), Action: 'BspBankCard5Auth' })],
  ['unknown SecretId, or a signature that does not match', '4100', () => send(fields(), { key: 'wrong-key' })],
  [
    '`Nonce` used before, or `Timestamp` more than 2 hours off',
    '4500',
    () => send({ ...fields(), Timestamp: String(Math.floor(Date.now() / 1000) - 2 * 3600 - 5) }),
  ],
  ['account frozen', '4300', () => send({ ...fields(), SecretId: ACCOUNT_STATE_SECRET_IDS.frozen })],
  ['service not activated', '5000', () => send({ ...fields(), SecretId: ACCOUNT_STATE_SECRET_IDS.nonactivated })],
  ['account in arrears', '5300', () => send({ ...fields(), SecretId: ACCOUNT_STATE_SECRET_IDS.arrears })],
  [
    'action parameter missing',
    'authCode 10',
    () => {
      const { bankCardNumber: _card, ...rest } = fields();
      return send(rest);
    },
  ],
  ['`orderNo` malformed', 'authCode 99', () => send({ ...fields(), orderNo: 'order/with spaces' })],
];

describe('csec: each malformed request class gets the code the csec document gives', () => {
  it.each(MALFORMED)('%s → %s', async (_class, code, send) => {
    const res = await send();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { code: number; bspFivBody?: { authCode: string } };
    const got = answer.code === 0 ? `authCode ${answer.bspFivBody?.authCode}` : String(answer.code);
    expect(got).toBe(code);
  });

  it("is the sandbox README's csec table, row for row", () => {
    const rows = readmeTableRows('| csec request | code |');
    expect(rows).toEqual(MALFORMED.map(([what, code]) => `| ${what} | \`${code}\` |`));
  });
});
