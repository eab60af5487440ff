import { bankNameOf, lookupBin } from '@cardbind/core/banks';
import { BIND_CERT_TYPES, BIND_USER_TYPES } from '@cardbind/core/contract';
import {
  fromBase64Url,
  importRsaPrivateKey,
  importRsaPublicKey,
  toBase64Url,
  toBytes,
  utf8Decode,
} from '@cardbind/core/crypto';
import { maskCard, maskName } from '@cardbind/core/pii';
import {
  AGG_DECLINED,
  CREATE_PATH,
  isEnvelope,
  LIMITS,
  openEnvelope,
  QUERY_PATH,
  sealEnvelope,
} from '@cardbind/core/providers/aggregate-pay/internal';
import { type Context, Hono } from 'hono';
import { AGG_CUSTOMERS, AGG_IDENTIFY_TRIGGERS, CARDHOLDERS } from '../identities.js';
import { SANDBOX_MERCHANT_RSA_PUBLIC_KEY, SANDBOX_RSA_PRIVATE_KEY } from '../keys.js';
import { type AggSignature, aggMd5Signature, aggRsaSignature } from '../shared/signature-agg.js';
import { SimulatorStats } from '../shared/stats.js';
import { confirmPage, messagePage } from './bank-page.js';
import { Notifier, type NotifierOptions } from './notifier.js';

export const BANK_BIND_PATH = '/bank/bind';
export const BANK_CONFIRM_PATH = '/bank/confirm';

export interface AggregatePaySimulatorOptions {
  now?: () => number;
  /** Send duplicate and out-of-order notifications for every order, not only for the chaos identifyId. */
  notifyChaos?: boolean;
  notifier?: NotifierOptions;
}

interface Order {
  customerNo: string;
  plain: Record<string, string>;
  ref: string;
  status: 'PROCESSING' | 'SUCCESS' | 'FAIL';
  bindId?: string;
  /** The card the cardholder chose on the bank page, masked. */
  maskedCard?: string;
  errCode: string;
  errMessage: string;
}

export interface AggregatePaySimulator {
  app: Hono;
  stats: SimulatorStats;
  notifier: Notifier;
  /** Every order it accepted, with its state: what reached the provider, for tests to count. */
  orders(): { orderNo: string; status: 'PROCESSING' | 'SUCCESS' | 'FAIL' }[];
}

const REQUIRED = [
  'orderNo',
  'userType',
  'identifyId',
  'bankCardType',
  'bankCode',
  'bankCardName',
  'certType',
  'certNo',
  'mobile',
  'bindNotifyUrl',
  'pageReturnUrl',
] as const;
const EXPIRED_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const TRIGGERED: Record<string, [string, string]> = {
  [AGG_IDENTIFY_TRIGGERS['9999']]: ['9999', '其他错误'],
  [AGG_IDENTIFY_TRIGGERS['1001']]: ['1001', '系统异常'],
  [AGG_IDENTIFY_TRIGGERS['2002']]: ['2002', '渠道处理失败'],
};

/**
 * The aggregated-pay bind-card API and the sandbox bank's H5 page. Requests
 * arrive as `{customerNo, reqmsg}` envelopes encrypted to the platform key;
 * answers and notifications are encrypted to the merchant key and signed
 * (MD5 or SHA256withRSA per merchant). The bank page takes the auto-submitted
 * form, asks the cardholder, notifies, and sends the browser back.
 */
export function createAggregatePaySimulator(options: AggregatePaySimulatorOptions = {}): AggregatePaySimulator {
  const now = options.now ?? Date.now;
  const platformKey = importRsaPrivateKey(SANDBOX_RSA_PRIVATE_KEY);
  const merchantKey = importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
  const customers = new Map<string, { signer: AggSignature; frozen: boolean }>();
  for (const [name, c] of Object.entries(AGG_CUSTOMERS)) {
    const signer =
      c.signType === 'MD5'
        ? aggMd5Signature(c.md5Key)
        : aggRsaSignature(SANDBOX_RSA_PRIVATE_KEY, SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
    customers.set(c.customerNo, { signer, frozen: name === 'frozen' });
  }
  const orders = new Map<string, Order>();
  const byRef = new Map<string, Order>();
  const stats = new SimulatorStats();
  const notifier = new Notifier(options.notifier);
  const app = new Hono();

  /** `{code, success, data, msg}` around an envelope of the signed answer. */
  async function answer(c: Context, customerNo: string, plain: Record<string, unknown>) {
    const customer = customers.get(customerNo);
    const signed = { ...plain, sign: await customer?.signer.sign(plain) };
    const envelope = sealEnvelope(signed, customerNo, await merchantKey);
    return c.json({ code: '200', success: true, data: JSON.stringify(envelope), msg: '操作成功' });
  }
  const refuse = (c: Context, code: string, msg: string) => c.json({ code, success: false, data: null, msg });

  /** Opens and authenticates a request envelope, or answers the wrapper-level refusal. */
  async function open(c: Context): Promise<{ customerNo: string; plain: Record<string, unknown> } | Response> {
    let envelope: unknown;
    try {
      envelope = await c.req.json();
    } catch {
      return refuse(c, '400', '报文格式错误');
    }
    if (!isEnvelope(envelope)) return refuse(c, '400', '报文格式错误');
    const customer = customers.get(envelope.customerNo);
    if (!customer) return refuse(c, '403', '商户不存在');
    let plain: Record<string, unknown>;
    try {
      plain = openEnvelope(envelope, await platformKey);
    } catch {
      return refuse(c, '400', '报文解密失败');
    }
    if (!(await customer.signer.matches(plain))) return refuse(c, '401', '验签失败');
    return { customerNo: envelope.customerNo, plain };
  }

  app.post(CREATE_PATH, async (c) => {
    stats.record('create');
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { customerNo, plain } = opened;
    const str = (k: string) => (typeof plain[k] === 'string' ? (plain[k] as string) : '');
    const orderNo = str('orderNo');
    const reply = (errCode: string, errMessage: string, extra: Record<string, string> = {}) =>
      answer(c, customerNo, { customerNo, orderNo, errCode, errMessage, ...extra });

    if (customers.get(customerNo)?.frozen) return reply('2001', '商户信息异常,请联系客服');
    const absent = (k: string) => plain[k] === undefined || plain[k] === null || plain[k] === '';
    if (REQUIRED.some(absent)) return reply('1003', '必填参数为空');
    // Every field the document names is a String: a number or an object in one is a parameter error.
    const notString = [...REQUIRED, 'expiredTime'].some((k) => !absent(k) && typeof plain[k] !== 'string');
    const tooLong = Object.entries(LIMITS).some(([k, limit]) => [...str(k)].length > limit);
    const badEnum =
      !(BIND_USER_TYPES as readonly string[]).includes(str('userType')) ||
      !(BIND_CERT_TYPES as readonly string[]).includes(str('certType')) ||
      !['CREDIT', 'DEBIT'].includes(str('bankCardType'));
    const expired = str('expiredTime');
    const badExpiry =
      expired !== '' && (!EXPIRED_TIME.test(expired) || Date.parse(`${expired.replace(' ', 'T')}+08:00`) < now());
    const badUrl = !URL.canParse(str('bindNotifyUrl')) || !URL.canParse(str('pageReturnUrl'));
    if (notString || tooLong || badEnum || badExpiry || badUrl) return reply('1002', '请求参数错误');
    const key = `${customerNo}|${orderNo}`;
    if (orders.has(key)) return reply('2104', '订单已存在,请勿重复提交');
    const triggered = TRIGGERED[str('identifyId')];
    if (triggered) return reply(...triggered);

    const ref = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const order: Order = {
      customerNo,
      plain: Object.fromEntries(REQUIRED.map((k) => [k, str(k)])),
      ref,
      status: 'PROCESSING',
      errCode: '0000',
      errMessage: '处理中',
    };
    orders.set(key, order);
    byRef.set(ref, order);
    // The opaque blob the bank page receives, like epccGwMsg: here just a reference.
    const epccGwMsg = toBase64Url(toBytes(JSON.stringify({ ref, v: 1 })));
    return reply('0000', '成功', {
      submitUrl: `${new URL(c.req.url).origin}${BANK_BIND_PATH}`,
      submitMethod: 'POST',
      encoding: 'UTF-8',
      submitParams: JSON.stringify({ epccGwMsg }),
    });
  });

  app.post(QUERY_PATH, async (c) => {
    stats.record('query');
    const opened = await open(c);
    if (opened instanceof Response) return opened;
    const { customerNo, plain } = opened;
    const orderNo = typeof plain.orderNo === 'string' ? plain.orderNo : '';
    const order = orders.get(`${customerNo}|${orderNo}`);
    if (!order) return answer(c, customerNo, { customerNo, orderNo, errCode: '2106', errMessage: '订单不存在' });
    return answer(c, customerNo, statusPlain(order));
  });

  const bankBind = async (c: Context) => {
    stats.record('bank-page');
    const form = c.req.method === 'GET' ? c.req.query() : ((await c.req.parseBody()) as Record<string, unknown>);
    const order = orderOfBlob(String(form.epccGwMsg ?? ''));
    if (!order) return html(c, messagePage('无效的请求', '缺少或无法识别的 epccGwMsg', 400));
    if (order.status !== 'PROCESSING') return html(c, messagePage('订单已处理', '此绑卡请求已经处理过了。'));
    const { bankCode, bankCardType, bankCardName, certNo } = order.plain;
    const holder = CARDHOLDERS.find((h) => h.idNumber === certNo && h.name === bankCardName);
    const card = holder?.cards.find((n) => lookupBin(n)?.bankCode === bankCode);
    if (card) order.maskedCard = maskCard(card);
    return html(c, {
      status: 200,
      html: confirmPage({
        ref: order.ref,
        bankName: bankNameOf(bankCode ?? '')?.['zh-CN'] ?? `${bankCode} 银行`,
        cardTypeLabel: bankCardType === 'CREDIT' ? '信用卡' : '借记卡',
        maskedCard: card ? maskCard(card) : undefined,
        maskedName: maskName(bankCardName ?? ''),
        merchant: order.customerNo,
      }),
    });
  };
  app.post(BANK_BIND_PATH, bankBind);
  app.get(BANK_BIND_PATH, bankBind);

  app.post(BANK_CONFIRM_PATH, async (c) => {
    stats.record('bank-confirm');
    const form = await c.req.parseBody();
    const order = byRef.get(String(form.ref ?? ''));
    if (!order) return html(c, messagePage('无效的请求', '找不到此绑卡请求', 400));
    if (order.status === 'PROCESSING') {
      if (form.decision === 'approve') {
        order.status = 'SUCCESS';
        order.bindId = `BIND${now()}${Math.floor(Math.random() * 1e6)}`;
        order.errCode = '0000';
        order.errMessage = '成功';
      } else {
        order.status = 'FAIL';
        order.errCode = AGG_DECLINED;
        order.errMessage = '用户拒绝绑卡';
      }
      const result = await notification(order);
      const bodies = [result];
      if (options.notifyChaos || order.plain.identifyId === AGG_IDENTIFY_TRIGGERS.chaos) {
        const stale = await notification({ ...order, status: 'PROCESSING', errCode: '0000', errMessage: '处理中' });
        bodies.push(result, stale);
      }
      void notifier.send(order.plain.bindNotifyUrl ?? '', order.plain.orderNo ?? '', bodies);
    }
    return c.redirect(order.plain.pageReturnUrl ?? '/', 303);
  });

  function orderOfBlob(blob: string): Order | undefined {
    try {
      const { ref } = JSON.parse(utf8Decode(fromBase64Url(blob))) as { ref?: string };
      return ref ? byRef.get(ref) : undefined;
    } catch {
      return undefined;
    }
  }

  function statusPlain(order: Order): Record<string, unknown> {
    const plain: Record<string, unknown> = {
      customerNo: order.customerNo,
      orderNo: order.plain.orderNo,
      status: order.status,
      errCode: order.errCode,
      errMessage: order.errMessage,
    };
    if (order.bindId) plain.bindId = order.bindId;
    if (order.status === 'SUCCESS' && order.maskedCard) plain.bankCardNo = order.maskedCard;
    return plain;
  }

  async function notification(order: Order): Promise<{ status: string; body: string }> {
    const plain = statusPlain(order);
    const signer = customers.get(order.customerNo)?.signer;
    const envelope = sealEnvelope({ ...plain, sign: await signer?.sign(plain) }, order.customerNo, await merchantKey);
    return { status: order.status, body: JSON.stringify(envelope) };
  }

  const accepted = () => [...orders.values()].map((o) => ({ orderNo: o.plain.orderNo ?? '', status: o.status }));
  return { app, stats, notifier, orders: accepted };
}

function html(c: Context, page: { html: string; status: number }): Response {
  return c.html(page.html, page.status as 200);
}
