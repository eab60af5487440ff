import { timingSafeEqual } from '@cardbind/core/crypto';
import { CSEC_PATH } from '@cardbind/core/providers/tencent-csec/internal';
import { type Context, Hono } from 'hono';
import { accountState, credentialTable } from '../identities.js';
import { garbage, hang, truncated } from '../shared/faults.js';
import { ReplayGuard } from '../shared/replay-guard.js';
import { v1Signature, v1StringToSign } from '../shared/signature-v1.js';
import { SimulatorStats } from '../shared/stats.js';
import { judge } from '../shared/verdict.js';
import { AUTH_MESSAGES, type CsecAnswer, csecAnswer, PLATFORM_ERRORS } from './codes.js';

export interface CsecSimulatorOptions {
  /** Simulator clock, ms. */
  now?: () => number;
  /** SecretId → SecretKey; defaults to the sandbox credentials and the account-state ids. */
  credentials?: Readonly<Record<string, string>>;
}

const ACTIONS = new Set(['BspBankCard3Auth', 'BspBankCardAuth4']);
/** The signing document: Timestamp more than 2 hours off is a replay. */
const TIMESTAMP_WINDOW_S = 2 * 3600;
const ORDER_NO = /^[A-Za-z0-9_-]{1,64}$/;

export interface CsecSimulator {
  app: Hono;
  stats: SimulatorStats;
}

/**
 * The legacy csec API (API 2.0): form-encoded POST to /v2/index.php, the
 * documented signature (HmacSHA1 unless SignatureMethod=HmacSHA256), 4100 on
 * a bad signature, 4500 on a reused Nonce or a Timestamp over 2 hours off.
 */
export function createCsecSimulator(options: CsecSimulatorOptions = {}): CsecSimulator {
  const now = options.now ?? Date.now;
  const credentials = options.credentials ?? credentialTable('tencentCsec');
  const nonces = new ReplayGuard(2 * TIMESTAMP_WINDOW_S * 1000);
  const stats = new SimulatorStats();
  const app = new Hono();

  const platform = (c: Context, code: number) => {
    const [codeDesc, message] = PLATFORM_ERRORS[code] ?? ['InternalError', '服务器内部错误'];
    return c.json({ code, message, codeDesc });
  };

  // API 2.0 takes its parameters as a form body or as a query string, signed alike.
  app.post(CSEC_PATH, async (c) => {
    const type = c.req.header('content-type') ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) return platform(c, 4000);
    return answer(c, Object.fromEntries(new URLSearchParams(await c.req.text())));
  });
  app.get(CSEC_PATH, (c) => answer(c, Object.fromEntries(new URL(c.req.url).searchParams)));

  async function answer(c: Context, params: Record<string, string>) {
    const { Action, Nonce, Timestamp, SecretId, Signature } = params;
    stats.record(Action ?? 'unknown');
    if (!Action || !Nonce || !Timestamp || !SecretId || !Signature || !ACTIONS.has(Action)) return platform(c, 4000);

    const secretKey = credentials[SecretId];
    if (secretKey === undefined) return platform(c, 4100);
    const method = params.SignatureMethod === 'HmacSHA256' ? 'HmacSHA256' : 'HmacSHA1';
    const host = new URL(c.req.url).hostname;
    const toSign = v1StringToSign(c.req.method, host, CSEC_PATH, new Map(Object.entries(params)));
    const expected = await v1Signature(secretKey, method, toSign);
    if (!timingSafeEqual(expected, Signature)) return platform(c, 4100);

    const nowS = Math.floor(now() / 1000);
    if (!/^\d+$/.test(Timestamp) || Math.abs(nowS - Number(Timestamp)) > TIMESTAMP_WINDOW_S) return platform(c, 4500);
    if (!nonces.firstUse(`${SecretId}:${Nonce}`, now())) return platform(c, 4500);

    const state = accountState(SecretId);
    if (state === 'nonactivated') return platform(c, 5000);
    if (state === 'arrears') return platform(c, 5300);
    if (state) return platform(c, 4300);

    const four = Action === 'BspBankCardAuth4';
    const required = four
      ? ['orderNo', 'name', 'idNumber', 'bankCardNumber', 'phoneNumber']
      : ['orderNo', 'name', 'idNumber', 'bankCardNumber'];
    let verdict: CsecAnswer | undefined = required.some((k) => !params[k]) ? { authCode: '10' } : undefined;
    if (!verdict && !ORDER_NO.test(params.orderNo ?? '')) verdict = { authCode: '99' };
    verdict ??= csecAnswer(
      judge({
        name: params.name ?? '',
        idNumber: params.idNumber ?? '',
        cardNumber: params.bankCardNumber ?? '',
        ...(four ? { phone: params.phoneNumber ?? '' } : {}),
      }),
    );

    if ('platformCode' in verdict) return platform(c, verdict.platformCode);
    if ('fault' in verdict) {
      if (verdict.fault === 'hang') return hang(c);
      if (verdict.fault === 'garbage') return garbage(c);
      return truncated(c, JSON.stringify(success('00')));
    }
    return c.json(success(verdict.authCode));
  }

  return { app, stats };
}

/** The documented success shape, fields in the document's order. */
function success(authCode: string) {
  return {
    bspFivBody: { authCode, authMessage: AUTH_MESSAGES[authCode] ?? '' },
    code: 0,
    codeDesc: 'Success',
    message: 'No Error',
  };
}
