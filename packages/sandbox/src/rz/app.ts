import { type Context, Hono } from 'hono';
import { RZ_FOUR_ELEMENT_TYPE, RZ_MERCHANTS } from '../identities.js';
import { chinaTimeParts } from '../shared/china-time.js';
import { garbage, hang, truncated } from '../shared/faults.js';
import { type RzSignMethod, rzSignature, rzSignatureMatches } from '../shared/signature-rz.js';
import { SimulatorStats } from '../shared/stats.js';
import { judge } from '../shared/verdict.js';
import { RZ_DESCRIPTIONS, rzAnswer } from './codes.js';

export const RZ_PATH = '/auth/verify';

export interface RzSimulatorOptions {
  now?: () => number;
}

export interface RzSimulator {
  app: Hono;
  stats: SimulatorStats;
}

type MerchantState = keyof typeof RZ_MERCHANTS;
const merchants = new Map<string, { key: string; state: MerchantState }>(
  Object.entries(RZ_MERCHANTS).map(([state, m]) => [m.merchantNo, { key: m.key, state: state as MerchantState }]),
);
const REFUSALS: Partial<Record<MerchantState, string>> = {
  keyMisconfigured: '1014',
  disabled: '1026',
  notSubscribed: '1002',
  productNotLinked: '1015',
  noBalance: '1013',
};
const REQUIRED = ['acctNo', 'acctName', 'certNo', 'certType', 'orderId', 'orderDate', 'verifyType'] as const;

/**
 * The RZ three-element API: JSON in, JSON out, `sign` checked and written
 * by the sandbox's own signer (shared/signature-rz.ts), every
 * return code of the spec reachable, `orderId` unique per merchant and day.
 */
export function createRzSimulator(options: RzSimulatorOptions = {}): RzSimulator {
  const now = options.now ?? Date.now;
  const seenOrders = new Set<string>();
  const stats = new SimulatorStats();
  const app = new Hono();

  app.post(RZ_PATH, async (c) => {
    stats.record('verify');
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = await c.req.json();
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError();
      body = parsed as Record<string, unknown>;
    } catch {
      return respond(c, '1009');
    }
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const merchantNo = str('merchantNo');
    if (!merchantNo) return respond(c, '1030');
    if (!/^M\d{6}$/.test(merchantNo)) return respond(c, '1017');
    const merchant = merchants.get(merchantNo);
    if (!merchant) return respond(c, '1028');
    if (merchant.state === 'noKey') return respond(c, '1011');

    const signType = (body.signType ?? 'MD5') as RzSignMethod;
    if (signType !== 'MD5' && signType !== 'HMAC-SHA256') return respond(c, '1009');
    const signer = { key: merchant.key, signType };
    const sign = str('sign');
    if (!new RegExp(`^[0-9A-Fa-f]{${signType === 'MD5' ? 32 : 64}}$`).test(sign)) return respond(c, '1003', signer);
    if (!rzSignatureMatches(body, merchant.key, signType)) return respond(c, '1019', signer);
    const refusal = REFUSALS[merchant.state];
    if (refusal) return respond(c, refusal, signer);

    if (REQUIRED.some((k) => !str(k))) return respond(c, '1030', signer);
    if (str('certType') !== 'ID_CARD') return respond(c, '1009', signer);
    const orderId = str('orderId');
    if (orderId.length > 32) return respond(c, '1016', signer);
    if (!/^[A-Za-z0-9]+$/.test(orderId)) return respond(c, '1009', signer);
    const orderDate = str('orderDate');
    const today = chinaTimeParts(now());
    const plausible = [today.yesterday, today.date, today.tomorrow];
    if (!/^\d{8}$/.test(orderDate) || !plausible.includes(orderDate)) return respond(c, '1018', signer);
    const verifyType = str('verifyType');
    const four = verifyType === RZ_FOUR_ELEMENT_TYPE;
    if (verifyType !== 'RZ03' && !four) return respond(c, '1020', signer);
    if (four && !str('mobile')) return respond(c, '1030', signer);
    const orderKey = `${merchantNo}|${orderDate}|${orderId}`;
    if (seenOrders.has(orderKey)) return respond(c, '1010', signer);
    seenOrders.add(orderKey);

    const answer = rzAnswer(
      judge({
        name: str('acctName'),
        idNumber: str('certNo'),
        cardNumber: str('acctNo'),
        ...(four ? { phone: str('mobile') } : {}),
      }),
    );
    if ('fault' in answer) {
      if (answer.fault === 'hang') return hang(c);
      if (answer.fault === 'garbage') return garbage(c);
      return truncated(c, JSON.stringify({ code: '0000', desc: RZ_DESCRIPTIONS['0000'], data: {} }));
    }
    const data = answer.status
      ? { transId: `RZ${now()}${Math.floor(Math.random() * 1e6)}`, transDate: today.date, status: answer.status }
      : undefined;
    return respond(c, answer.code, signer, data);
  });

  return { app, stats };
}

/** The answer, signed with the merchant's key when the merchant is known (the same scheme as requests). */
async function respond(
  c: Context,
  code: string,
  signer?: { key: string; signType: RzSignMethod },
  data?: { transId: string; transDate: string; status: string },
): Promise<Response> {
  const body: Record<string, unknown> = { code, desc: RZ_DESCRIPTIONS[code] ?? '' };
  if (data) body.data = data;
  body.sign = signer ? rzSignature(body, signer.key, signer.signType) : '';
  return c.json(body);
}
