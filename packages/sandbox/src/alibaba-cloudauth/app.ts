import { type Context, Hono } from 'hono';
import { accountState, CLOUDAUTH_SUBCODE_CARDS, credentialTable } from '../identities.js';
import { garbage, hang, truncated } from '../shared/faults.js';
import { RateWindow } from '../shared/rate-window.js';
import { ReplayGuard } from '../shared/replay-guard.js';
import { SimulatorStats } from '../shared/stats.js';
import { judge } from '../shared/verdict.js';
import { authenticate } from './authenticate.js';
import { BUSINESS_MESSAGES, bizCodeOf, type CloudauthAnswer, cloudauthAnswer } from './codes.js';
import { md5Shapes, unhashed } from './md5-params.js';

export interface CloudauthSimulatorOptions {
  now?: () => number;
  /** Per account and product, as Alibaba counts it (50 for each of the 2, 3 and 4-element products). */
  qps?: number;
}

export interface CloudauthSimulator {
  app: Hono;
  stats: SimulatorStats;
}

const PRODUCTS = ['BANK_CARD_2_META', 'BANK_CARD_3_META', 'BANK_CARD_4_META'];
const BUSINESS = [
  'ParamType',
  'VerifyMode',
  'ProductType',
  'BankCard',
  'UserName',
  'IdentifyNum',
  'IdentityType',
  'Mobile',
];
/** The gateway requires these (the API's metadata marks them required); BankCard only the service does. */
const REQUIRED = ['ParamType', 'VerifyMode', 'ProductType', 'UserName'];
const RPC_COMMON = [
  'AccessKeyId',
  'Action',
  'Version',
  'Format',
  'Timestamp',
  'SignatureNonce',
  'SignatureMethod',
  'SignatureVersion',
  'Signature',
  'SecurityToken',
  'RegionId',
];
const ACCOUNT_ANSWERS: Readonly<Record<string, CloudauthAnswer>> = {
  arrears: { business: '412' },
  charge_exception: { business: '412' },
  nonactivated: { business: '410' },
  non_authorize: { business: '411' },
  frozen: { gateway: 'Forbidden', status: 403 },
};

/**
 * Alibaba Cloud ID Verification's `BankMetaVerify` (cloudauth 2019-03-07, RPC style): V3
 * (ACS3-HMAC-SHA256) and V1 (RPC HMAC-SHA1) signatures checked by the sandbox's own code, a
 * 15-minute clock window, nonces once, the gateway's common error shape, 50 QPS per product, and
 * the answers by the sandbox identities (`normal` or `md5` parameters).
 */
export function createCloudauthSimulator(options: CloudauthSimulatorOptions = {}): CloudauthSimulator {
  const now = options.now ?? Date.now;
  const nonces = new ReplayGuard(15 * 60_000);
  const rate = new RateWindow(options.qps ?? 50);
  const secrets = credentialTable('alibabaCloudauth');
  const stats = new SimulatorStats();
  const app = new Hono();

  app.on(['GET', 'POST'], '/', async (c) => {
    stats.record('verify');
    const auth = await authenticate(c.req.raw, secrets, nonces, now());
    if ('error' in auth) return answer(c, { gateway: auth.error, status: auth.status });
    const params = auth.params;
    const allowed = new Set([...BUSINESS, ...(auth.scheme === 'v1' ? RPC_COMMON : ['RegionId'])]);
    const unknown = [...params.keys()].find((name) => !allowed.has(name));
    if (unknown)
      return answer(c, { gateway: 'UnsupportedParameter', status: 400 }, `The parameter ${unknown} is not supported.`);
    const missing = REQUIRED.find((name) => !params.get(name));
    if (missing)
      return answer(c, { gateway: `Missing${missing}`, status: 400 }, `${missing} is mandatory for this action.`);
    const account = ACCOUNT_ANSWERS[accountState(auth.accessKeyId) ?? ''];
    if (account) return answer(c, account);
    const product = params.get('ProductType') ?? '';
    if (!rate.allow(`${auth.accessKeyId}|${product}`, now())) {
      return answer(c, { gateway: 'Throttling.User', status: 400 }, 'Request was denied due to user flow control.');
    }
    return answer(c, verdictFor(params));
  });

  return { app, stats };
}

/** The service's own checks of the business parameters, then the sandbox's verdict. */
function verdictFor(params: Map<string, string>): CloudauthAnswer {
  const get = (name: string) => params.get(name) ?? '';
  const md5 = get('ParamType') === 'md5';
  if (!['normal', 'md5'].includes(get('ParamType')) || get('VerifyMode') !== 'VERIFY_BANK_CARD')
    return { business: '401' };
  const kind = PRODUCTS.indexOf(get('ProductType')) + 2;
  if (kind < 2) return { business: '401' };
  if (!get('BankCard') || (kind >= 3 && !get('IdentifyNum')) || (kind === 4 && !get('Mobile')))
    return { business: '400' };
  // Elements the product does not take are refused, not ignored.
  if ((kind < 3 && params.has('IdentifyNum')) || (kind < 4 && params.has('Mobile'))) return { business: '401' };
  if (params.has('IdentityType') && get('IdentityType') !== '01') return { business: '401' };
  if (md5 && !wellHashed(params, kind)) return { business: '401' };
  const card = md5 ? unhashed.card(get('BankCard')) : get('BankCard');
  const name = md5 ? unhashed.name(get('UserName')) : get('UserName');
  const idNumber = kind >= 3 ? (md5 ? unhashed.idNumber(get('IdentifyNum')) : get('IdentifyNum')) : undefined;
  const phone = kind === 4 ? (md5 ? unhashed.mobile(get('Mobile')) : get('Mobile')) : undefined;
  // Hashed values that are nobody's: someone else's details, a mismatch.
  if (!card || !name || (kind >= 3 && !idNumber) || (kind === 4 && !phone)) return { sub: '201' };
  const special = Object.entries(CLOUDAUTH_SUBCODE_CARDS).find(([, c]) => c === card)?.[0];
  if (special) return { sub: special };
  return cloudauthAnswer(
    judge({
      name,
      cardNumber: card,
      ...(idNumber !== undefined ? { idNumber } : {}),
      ...(phone !== undefined ? { phone } : {}),
    }),
  );
}

function wellHashed(params: Map<string, string>, kind: number): boolean {
  const ok = (name: string, shape: RegExp) => shape.test(params.get(name) ?? '');
  return (
    ok('BankCard', md5Shapes.card) &&
    ok('UserName', md5Shapes.name) &&
    (kind < 3 || ok('IdentifyNum', md5Shapes.idNumber)) &&
    (kind < 4 || ok('Mobile', md5Shapes.mobile))
  );
}

async function answer(c: Context, what: CloudauthAnswer, message?: string): Promise<Response> {
  const RequestId = crypto.randomUUID().toUpperCase();
  if ('fault' in what) {
    if (what.fault === 'hang') return hang(c);
    if (what.fault === 'garbage') return garbage(c);
    return truncated(c, JSON.stringify({ RequestId, Code: '200', Message: 'success', ResultObject: { BizCode: '1' } }));
  }
  if ('gateway' in what) {
    const body = {
      RequestId,
      HostId: 'cloudauth.aliyuncs.com',
      Code: what.gateway,
      Message: message ?? what.gateway,
      Recommend: '',
    };
    return c.json(body, what.status as 400);
  }
  if ('business' in what)
    return c.json({ RequestId, Code: what.business, Message: BUSINESS_MESSAGES[what.business] ?? '' });
  return c.json({
    RequestId,
    Code: '200',
    Message: 'success',
    ResultObject: { BizCode: bizCodeOf(what.sub), SubCode: what.sub },
  });
}
