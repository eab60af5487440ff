// Every class of malformed RZ request, sent as a client would send it, answered with the return code
// of the RZ document; the sandbox README's RZ table lists exactly these rows.
import { describe, expect, it } from 'vitest';
import { RZ_FOUR_ELEMENT_TYPE, RZ_MERCHANTS } from '../src/index.js';
import { createRzSimulator, RZ_PATH } from '../src/rz/app.js';
import { chinaTimeParts } from '../src/shared/china-time.js';
import { rzSignature } from '../src/shared/signature-rz.js';
import { HOLDER, readmeTableRows, serveForSuite } from './support.js';

const server = await serveForSuite(createRzSimulator().app);
const endpoint = new URL(RZ_PATH, server.url).href;
const { merchantNo, key } = RZ_MERCHANTS.active;
let seq = 0;

/** A signed JSON POST: the fields of a good 3-element request, changed by `fields` (undefined removes one). */
async function send(fields: Record<string, string | undefined>, options: { sign?: string } = {}) {
  const body: Record<string, string> = {};
  const all = {
    merchantNo,
    acctNo: HOLDER.cardNumber,
    acctName: HOLDER.name,
    certNo: HOLDER.idNumber,
    certType: 'ID_CARD',
    orderId: `MAL${Date.now()}${seq++}`,
    orderDate: chinaTimeParts(Date.now()).date,
    verifyType: 'RZ03',
    signType: 'MD5',
    ...fields,
  };
  for (const [name, value] of Object.entries(all)) if (value !== undefined) body[name] = value;
  body.sign = options.sign ?? rzSignature(body, key, body.signType === 'HMAC-SHA256' ? 'HMAC-SHA256' : 'MD5');
  return post(JSON.stringify(body));
}
const post = (text: string) =>
  fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });

/** [request class, as the README's table names it; the code; how a client sends it]. */
const MALFORMED: [string, string, () => Promise<Response>][] = [
  ['body not a JSON object', '1009', () => post('[1,2]')],
  ['`merchantNo` missing', '1030', () => send({ merchantNo: undefined })],
  ['`merchantNo` not `M` and six digits', '1017', () => send({ merchantNo: 'shop-1' })],
  ['merchant unknown', '1028', () => send({ merchantNo: 'M999999' })],
  ['`signType` other than `MD5` or `HMAC-SHA256`', '1009', () => send({ signType: 'SHA1' })],
  ["`sign` missing, or not hex of its method's length", '1003', () => send({}, { sign: 'not-a-sign' })],
  ['`sign` that does not match (a wrong key, a field changed)', '1019', () => send({}, { sign: 'A'.repeat(32) })],
  ['a required field missing or empty', '1030', () => send({ acctName: '' })],
  ['`certType` other than `ID_CARD`', '1009', () => send({ certType: 'PASSPORT' })],
  ['`orderId` longer than 32 characters', '1016', () => send({ orderId: 'O'.repeat(33) })],
  ['`orderId` not letters and digits', '1009', () => send({ orderId: 'order-1' })],
  ['`orderDate` not `yyyyMMdd` within a day of today (China time)', '1018', () => send({ orderDate: '20200101' })],
  ['`verifyType` unknown', '1020', () => send({ verifyType: 'RZ99' })],
  ['four elements without `mobile`', '1030', () => send({ verifyType: RZ_FOUR_ELEMENT_TYPE, mobile: undefined })],
  ['card number not 15–19 digits', '1021', () => send({ acctNo: '62220200' })],
  ['ID number invalid (checksum, date, region)', '1022', () => send({ certNo: '110105194912310021' })],
  ['name invalid (Latin letters on a resident ID)', '1023', () => send({ acctName: 'Zhang San' })],
  ['mobile not a mainland number', '1024', () => send({ verifyType: RZ_FOUR_ELEMENT_TYPE, mobile: '12800138000' })],
  [
    '`orderId` used before by the merchant that day',
    '1010',
    async () => {
      const orderId = `DUP${Date.now()}`;
      await send({ orderId });
      return send({ orderId });
    },
  ],
];

describe('RZ: each malformed request class gets the code of the RZ document', () => {
  it.each(MALFORMED)('%s → %s', async (_class, code, sendIt) => {
    const res = await sendIt();
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { code: string; desc: string };
    expect(answer.code).toBe(code);
    expect(answer.desc).not.toBe('');
  });

  it("is the sandbox README's table, row for row", () => {
    const rows = readmeTableRows('| RZ request | code |');
    expect(rows).toEqual(MALFORMED.map(([what, code]) => `| ${what} | \`${code}\` |`));
  });
});
