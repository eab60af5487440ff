// Every class of malformed aggregated-pay request, sent as a merchant's client would send it: refused in the
// wrapper (`success: false`, `code`) before the plaintext is trusted, or answered in the signed plaintext with
// the document's `errCode`. The sandbox README's aggregated-pay table lists exactly these rows.
import { importRsaPrivateKey, importRsaPublicKey, toBase64 } from '@cardbind/core/crypto';
import {
  CREATE_PATH,
  createAggSigner,
  openSigned,
  QUERY_PATH,
  readWrapper,
  sealEnvelope,
} from '@cardbind/core/providers/aggregate-pay/internal';
import { describe, expect, it } from 'vitest';
import { AGG_CUSTOMERS, createAggregatePaySimulator } from '../src/index.js';
import { SANDBOX_MERCHANT_RSA_PRIVATE_KEY, SANDBOX_RSA_PUBLIC_KEY } from '../src/keys.js';
import { HOLDER, readmeTableRows, serveForSuite } from './support.js';

const server = await serveForSuite(createAggregatePaySimulator().app);
const platformKey = await importRsaPublicKey(SANDBOX_RSA_PUBLIC_KEY);
const merchantKey = await importRsaPrivateKey(SANDBOX_MERCHANT_RSA_PRIVATE_KEY);
const { customerNo, md5Key } = AGG_CUSTOMERS.md5;
const signer = createAggSigner({ type: 'MD5', md5Key });
let seq = 0;

type Plain = Record<string, unknown>;
interface Sent {
  path?: string;
  customerNo?: string;
  /** Signs with this signer instead (a wrong key); `null` leaves `sign` out. */
  signer?: ReturnType<typeof createAggSigner> | null;
}

/** A good create plaintext, changed by `fields` (undefined removes one). */
function createPlain(fields: Plain = {}): Plain {
  const all: Plain = {
    customerNo,
    orderNo: `MAL${Date.now()}${seq++}`,
    userType: 'USER_ID',
    identifyId: 'user-42',
    bankCardType: 'DEBIT',
    bankCode: 'ICBC',
    bankCardName: HOLDER.name,
    certType: 'ID',
    certNo: HOLDER.idNumber,
    mobile: HOLDER.phone,
    bindNotifyUrl: 'https://shop.example/notify',
    pageReturnUrl: 'https://shop.example/return',
    ...fields,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined));
}

/** Signed and sealed to the platform key, as the provider sends it. */
async function send(plain: Plain, options: Sent = {}): Promise<Response> {
  const by = options.signer === undefined ? signer : options.signer;
  const signed = by ? { ...plain, sign: await by.sign(plain) } : plain;
  const envelope = sealEnvelope(signed, options.customerNo ?? customerNo, platformKey);
  return post(JSON.stringify(envelope), options.path);
}
const post = (text: string, path = CREATE_PATH) =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });

/** [request class, as the README's table names it; wrapper `code`; `errCode` or '—'; how a client sends it]. */
const MALFORMED: [string, string, string, () => Promise<Response>][] = [
  ['body not JSON', '400', '—', () => post('customerNo=202112090603')],
  ['body not `{customerNo, reqmsg}`', '400', '—', () => post(JSON.stringify({ customerNo, data: 'x' }))],
  ['`customerNo` unknown', '403', '—', () => send(createPlain(), { customerNo: '209999999999' })],
  [
    '`reqmsg` not base64, or not encrypted to the platform key',
    '400',
    '—',
    () => post(JSON.stringify({ customerNo, reqmsg: toBase64(new Uint8Array(256).fill(7)) })),
  ],
  [
    '`reqmsg` plaintext not a JSON object',
    '400',
    '—',
    async () => {
      const sealed = sealEnvelope(['an', 'array'], customerNo, platformKey);
      return post(JSON.stringify(sealed));
    },
  ],
  ['`sign` missing', '401', '—', () => send(createPlain(), { signer: null })],
  [
    '`sign` that does not match (a wrong key, a field changed)',
    '401',
    '—',
    () => send(createPlain(), { signer: createAggSigner({ type: 'MD5', md5Key: 'a-wrong-key' }) }),
  ],
  [
    'merchant account frozen',
    '200',
    '2001',
    () =>
      send(createPlain({ customerNo: AGG_CUSTOMERS.frozen.customerNo }), {
        customerNo: AGG_CUSTOMERS.frozen.customerNo,
        signer: createAggSigner({ type: 'MD5', md5Key: AGG_CUSTOMERS.frozen.md5Key }),
      }),
  ],
  ['a required field missing or empty', '200', '1003', () => send(createPlain({ mobile: '' }))],
  ['a field not a string (a number, an object)', '200', '1002', () => send(createPlain({ identifyId: 42 }))],
  ['a field longer than its `String(n)`', '200', '1002', () => send(createPlain({ orderNo: 'O'.repeat(65) }))],
  ['`userType` not one of the document’s values', '200', '1002', () => send(createPlain({ userType: 'QQ' }))],
  ['`certType` not one of the document’s values', '200', '1002', () => send(createPlain({ certType: 'ID_CARD' }))],
  ['`bankCardType` not `CREDIT` or `DEBIT`', '200', '1002', () => send(createPlain({ bankCardType: 'PREPAID' }))],
  [
    '`expiredTime` not `yyyy-MM-dd HH:mm:ss`, or already past (China time)',
    '200',
    '1002',
    () => send(createPlain({ expiredTime: '2020-01-01 00:00:00' })),
  ],
  [
    '`bindNotifyUrl` or `pageReturnUrl` not a URL',
    '200',
    '1002',
    () => send(createPlain({ bindNotifyUrl: 'shop.example/notify' })),
  ],
  [
    '`orderNo` used before by the merchant',
    '200',
    '2104',
    async () => {
      const plain = createPlain();
      await send(plain);
      return send(plain);
    },
  ],
  [
    'query for an `orderNo` the merchant never created',
    '200',
    '2106',
    () => send({ customerNo, orderNo: 'NEVER-CREATED' }, { path: QUERY_PATH }),
  ],
];

describe('aggregated pay: each malformed request class gets its wrapper code or errCode', () => {
  it.each(MALFORMED)('%s → %s %s', async (_class, code, errCode, sendIt) => {
    const res = await sendIt();
    expect(res.status).toBe(200);
    const text = await res.text();
    const wrapper = readWrapper({ status: res.status, headers: res.headers, text });
    if (!wrapper.ok) {
      expect([wrapper.code, '—']).toEqual([code, errCode]);
      expect(wrapper.msg).not.toBe('');
      return;
    }
    expect(JSON.parse(text)).toMatchObject({ code: '200', success: true });
    // The plaintext answer is signed for the merchant that sent the request.
    const sender = errCode === '2001' ? AGG_CUSTOMERS.frozen : AGG_CUSTOMERS.md5;
    const answer = await openSigned(
      wrapper.envelope,
      sender.customerNo,
      merchantKey,
      createAggSigner({ type: 'MD5', md5Key: sender.md5Key }),
    );
    expect(['200', answer.errCode]).toEqual([code, errCode]);
    expect(answer.errMessage).not.toBe('');
  });

  it('a field the document does not name is ignored, as it says nothing of them', async () => {
    const res = await send(createPlain({ favouriteColour: 'blue' }));
    const wrapper = readWrapper({ status: res.status, headers: res.headers, text: await res.text() });
    if (!wrapper.ok) throw new Error(`refused: ${wrapper.code}`);
    expect((await openSigned(wrapper.envelope, customerNo, merchantKey, signer)).errCode).toBe('0000');
  });

  it("is the sandbox README's table, row for row", () => {
    const rows = readmeTableRows('| aggregated-pay request | wrapper `code` | `errCode` |');
    expect(rows).toEqual(
      MALFORMED.map(
        ([what, code, errCode]) => `| ${what} | \`${code}\` | ${errCode === '—' ? '—' : `\`${errCode}\``} |`,
      ),
    );
  });
});
