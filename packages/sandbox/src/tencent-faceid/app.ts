import { timingSafeEqual } from '@cardbind/core/crypto';
import {
  FACEID_VERSION,
  parseTc3Authorization,
  tc3CanonicalRequest,
  tc3Date,
  tc3Signature,
  tc3StringToSign,
} from '@cardbind/core/providers/tencent-faceid';
import { type Context, Hono } from 'hono';
import { accountState, credentialTable } from '../identities.js';
import { SANDBOX_RSA_PRIVATE_KEY } from '../keys.js';
import { garbage, hang, truncated } from '../shared/faults.js';
import { RateWindow } from '../shared/rate-window.js';
import { SimulatorStats } from '../shared/stats.js';
import { judge } from '../shared/verdict.js';
import { DESCRIPTIONS_3E, DESCRIPTIONS_4E, type FaceIdSimAction, faceIdAnswer } from './codes.js';
import { decryptFields, importRsaPrivateKey } from './decrypt.js';

export interface FaceIdSimulatorOptions {
  now?: () => number;
  credentials?: Readonly<Record<string, string>>;
  /** PKCS#8 PEM for `Encryption`; defaults to the sandbox key. */
  privateKeyPem?: string;
  /** Requests per second per SecretId and action (the API's documented 20). */
  qps?: number;
}

export interface FaceIdSimulator {
  app: Hono;
  stats: SimulatorStats;
}

const ACTIONS = new Set<string>(['BankCardVerification', 'BankCard4EVerification']);
/** Each action's documented input parameters: API 3.0 refuses any other (`UnknownParameter`). */
const PARAMETERS: Record<FaceIdSimAction, { required: string[]; optional: string[] }> = {
  BankCardVerification: { required: ['Name', 'IdCard', 'BankCard'], optional: ['CertType', 'Encryption'] },
  BankCard4EVerification: {
    required: ['Name', 'IdCard', 'BankCard', 'Phone'],
    optional: ['CertType', 'Encryption'],
  },
};
const SIGNATURE_WINDOW_S = 300;
const MAX_FIELD = 64;

/**
 * Tencent Cloud FaceID (API 3.0) at the root path: TC3-HMAC-SHA256 verified
 * over whatever headers the client signed (content-type and host at least;
 * host with or without the port, as SDKs differ), the 5-minute window,
 * `Encryption` decrypted, the 20/s limit, answers by sandbox identity.
 */
export function createFaceIdSimulator(options: FaceIdSimulatorOptions = {}): FaceIdSimulator {
  const now = options.now ?? Date.now;
  const credentials = options.credentials ?? credentialTable('tencentFaceid');
  const privateKey = importRsaPrivateKey(options.privateKeyPem ?? SANDBOX_RSA_PRIVATE_KEY);
  const window = new RateWindow(options.qps ?? 20);
  const stats = new SimulatorStats();
  const app = new Hono();

  app.post('/', async (c) => {
    const requestId = crypto.randomUUID();
    const error = (code: string, message: string) =>
      c.json({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const action = c.req.header('x-tc-action') ?? '';
    stats.record(action);
    const payload = await c.req.text();

    // Authentication, in the order Tencent documents its checks.
    const auth = parseTc3Authorization(c.req.header('authorization') ?? '');
    if (!auth) return error('AuthFailure.InvalidAuthorization', 'Authorization 格式不正确');
    const timestamp = Number(c.req.header('x-tc-timestamp'));
    if (!Number.isInteger(timestamp)) return error('MissingParameter', '缺少 X-TC-Timestamp');
    if (Math.abs(Math.floor(now() / 1000) - timestamp) > SIGNATURE_WINDOW_S) {
      return error('AuthFailure.SignatureExpire', '签名过期，请求时间戳与服务器时间相差超过五分钟');
    }
    const secretKey = credentials[auth.secretId];
    if (secretKey === undefined) return error('AuthFailure.SecretIdNotFound', '密钥不存在');
    if (!(await signatureMatches(c, auth, secretKey, timestamp, payload))) {
      return error('AuthFailure.SignatureFailure', '请求签名验证失败，请检查您的签名计算是否正确');
    }
    if (c.req.header('x-tc-token')) return error('FailedOperation.StsUnAuthErrError', 'STS 未授权');
    const state = accountState(auth.secretId);
    if (state === 'arrears') return error('UnauthorizedOperation.Arrears', '帐号已欠费');
    if (state === 'charge_exception') return error('UnauthorizedOperation.ChargeStatusException', '计费状态异常');
    if (state === 'non_authorize') return error('UnauthorizedOperation.NonAuthorize', '账号未实名');
    if (state === 'nonactivated') return error('UnauthorizedOperation.Nonactivated', '未开通服务');
    if (state === 'frozen') return error('AuthFailure.UnauthorizedOperation', '请求未授权');
    if (c.req.header('x-tc-version') !== FACEID_VERSION) return error('NoSuchVersion', '接口版本不存在');
    if (!ACTIONS.has(action)) return error('InvalidAction', '接口不存在');
    if (!window.allow(`${auth.secretId}:${action}`, now())) {
      return error('RequestLimitExceeded', '请求的次数超过了频率限制');
    }

    // The action's parameters.
    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(payload);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError();
      body = parsed as Record<string, unknown>;
    } catch {
      return error('InvalidParameter', '请求体不是合法的 JSON 对象');
    }
    const four = action === 'BankCard4EVerification';
    const { required: fields, optional } = PARAMETERS[action as FaceIdSimAction];
    // Parameters are checked before anything is decrypted, as the gateway does: by name.
    const unknown = Object.keys(body).find((name) => !fields.includes(name) && !optional.includes(name));
    if (unknown !== undefined) return error('UnknownParameter', `参数 \`${unknown}\` 未定义`);
    const missing = fields.find((name) => body[name] === undefined);
    if (missing !== undefined) return error('MissingParameter', `缺少参数 \`${missing}\``);
    const encryption = body.Encryption as Record<string, unknown> | undefined;
    if (encryption !== undefined) {
      const list = encryption.EncryptList;
      if (!Array.isArray(list) || list.some((f) => typeof f !== 'string' || !fields.includes(f))) {
        return error('InvalidParameter.UnsupportEncryptField', '存在不支持加密的字段');
      }
      if ((encryption.Algorithm ?? 'AES-256-CBC') !== 'AES-256-CBC') {
        return error('InvalidParameterValue', '沙箱仅支持 AES-256-CBC');
      }
      try {
        body = await decryptFields(
          body,
          list as string[],
          String(encryption.CiphertextBlob ?? ''),
          String(encryption.Iv ?? ''),
          await privateKey,
        );
      } catch {
        return error('FailedOperation.DecryptSystemError', '解密失败');
      }
    }
    for (const field of fields) {
      const value = body[field];
      if (typeof value !== 'string' || value === '') return error('InvalidParameter', `参数 ${field} 类型错误或为空`);
      if (value.length > MAX_FIELD) return error('InvalidParameterValue', `参数 ${field} 过长`);
    }
    if (body.CertType !== undefined && body.CertType !== 0) return error('InvalidParameterValue', 'CertType 仅支持 0');

    const answer = faceIdAnswer(
      judge({
        name: body.Name as string,
        idNumber: body.IdCard as string,
        cardNumber: body.BankCard as string,
        ...(four ? { phone: body.Phone as string } : {}),
      }),
      action as FaceIdSimAction,
    );
    if ('error' in answer) return error(answer.error, answer.message);
    if ('fault' in answer) {
      if (answer.fault === 'hang') return hang(c);
      if (answer.fault === 'garbage') return garbage(c);
      return truncated(c, JSON.stringify({ Response: { Result: '0', Description: '认证通过', RequestId: requestId } }));
    }
    const description = (four ? DESCRIPTIONS_4E : DESCRIPTIONS_3E)[answer.result] ?? '';
    return c.json({ Response: { Result: answer.result, Description: description, RequestId: requestId } });
  });

  return { app, stats };
}

/**
 * Recomputes the signature over the headers the client listed. The host is
 * tried as sent and without its port: Tencent's SDKs sign the bare host name.
 */
async function signatureMatches(
  c: Context,
  auth: NonNullable<ReturnType<typeof parseTc3Authorization>>,
  secretKey: string,
  timestamp: number,
  payload: string,
): Promise<boolean> {
  if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) return false;
  if (auth.date !== tc3Date(timestamp) || auth.service !== 'faceid') return false;
  const hostHeader = c.req.header('host') ?? '';
  const hosts = new Set([hostHeader, hostHeader.replace(/:\d+$/, '')]);
  for (const host of hosts) {
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) headers[name] = name === 'host' ? host : (c.req.header(name) ?? '');
    const { canonical } = await tc3CanonicalRequest({
      secretId: auth.secretId,
      secretKey,
      service: auth.service,
      timestamp,
      method: c.req.method,
      headers,
      payload,
    });
    const expected = await tc3Signature(
      secretKey,
      timestamp,
      auth.service,
      await tc3StringToSign(timestamp, auth.service, canonical),
    );
    if (timingSafeEqual(expected, auth.signature)) return true;
  }
  return false;
}
