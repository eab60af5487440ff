import { timingSafeEqual } from '@cardbind/core/crypto';
import { FACEID_VERSION } from '@cardbind/core/providers/tencent-faceid/internal';
import { type Context, Hono } from 'hono';
import { accountState, credentialTable } from '../identities.js';
import { SANDBOX_RSA_PRIVATE_KEY, SANDBOX_SM2_PRIVATE_KEY_HEX } from '../keys.js';
import { garbage, hang, truncated } from '../shared/faults.js';
import { RateWindow } from '../shared/rate-window.js';
import { readTc3Authorization, type Tc3Credential, tc3DateOf, tc3ExpectedSignature } from '../shared/signature-tc3.js';
import { isV1SignatureMethod, nestedParameters, v1Signature, v1StringToSign } from '../shared/signature-v1.js';
import { SimulatorStats } from '../shared/stats.js';
import { judge } from '../shared/verdict.js';
import { DESCRIPTIONS, type FaceIdSimAction, faceIdAnswer } from './codes.js';
import { decryptFields, decryptSm4GcmFields, importRsaPrivateKey } from './decrypt.js';

export interface FaceIdSimulatorOptions {
  now?: () => number;
  credentials?: Readonly<Record<string, string>>;
  /** PKCS#8 PEM for `Encryption` with AES-256-CBC; defaults to the sandbox key. */
  privateKeyPem?: string;
  /** The SM2 private scalar (hex) for `Encryption` with SM4-GCM; defaults to the sandbox key. */
  sm2PrivateKeyHex?: string;
  /** Requests per second per SecretId and action (the API's documented 20). */
  qps?: number;
}

export interface FaceIdSimulator {
  app: Hono;
  stats: SimulatorStats;
}

/** A form body: how a v1-signed POST carries its parameters. */
const FORM_TYPE = /^application\/x-www-form-urlencoded\s*(?:;|$)/i;
const ACTIONS = new Set<string>(['BankCard2EVerification', 'BankCardVerification', 'BankCard4EVerification']);
/** Each action's documented input parameters: API 3.0 refuses any other (`UnknownParameter`). */
const PARAMETERS: Record<FaceIdSimAction, { required: string[]; optional: string[] }> = {
  BankCard2EVerification: { required: ['Name', 'BankCard'], optional: ['Encryption'] },
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
  const sm2PrivateKeyHex = options.sm2PrivateKeyHex ?? SANDBOX_SM2_PRIVATE_KEY_HEX;
  const window = new RateWindow(options.qps ?? 20);
  const keys: Keys = { now, credentials };
  const stats = new SimulatorStats();
  const app = new Hono();

  app.on(['GET', 'POST'], '/', async (c) => {
    const requestId = crypto.randomUUID();
    const error = (code: string, message: string) =>
      c.json({ Response: { Error: { Code: code, Message: message }, RequestId: requestId } });
    const payload = c.req.method === 'POST' ? await c.req.text() : '';
    // TC3 signs headers and a JSON body; v1 signs the parameters of a query or a form body.
    const v1 =
      c.req.header('authorization') === undefined &&
      (c.req.method === 'GET' || FORM_TYPE.test(c.req.header('content-type') ?? ''));
    const call = v1
      ? await authenticateV1(c, new URLSearchParams(c.req.method === 'GET' ? new URL(c.req.url).search : payload), keys)
      : await authenticateTc3(c, payload, keys);
    stats.record(call.action);
    if ('code' in call) return error(call.code, call.message);
    const { secretId, action } = call;
    if (call.token) return error('FailedOperation.StsUnAuthErrError', 'STS 未授权');
    const state = accountState(secretId);
    if (state === 'arrears') return error('UnauthorizedOperation.Arrears', '帐号已欠费');
    if (state === 'charge_exception') return error('UnauthorizedOperation.ChargeStatusException', '计费状态异常');
    if (state === 'non_authorize') return error('UnauthorizedOperation.NonAuthorize', '账号未实名');
    if (state === 'nonactivated') return error('UnauthorizedOperation.Nonactivated', '未开通服务');
    if (state === 'frozen') return error('AuthFailure.UnauthorizedOperation', '请求未授权');
    if (call.version !== FACEID_VERSION) return error('NoSuchVersion', '接口版本不存在');
    if (!ACTIONS.has(action)) return error('InvalidAction', '接口不存在');
    if (!window.allow(`${secretId}:${action}`, now())) {
      return error('RequestLimitExceeded', '请求的次数超过了频率限制');
    }

    // The action's parameters.
    let body: Record<string, unknown>;
    if (call.parameters) body = call.parameters;
    else {
      try {
        const parsed: unknown = JSON.parse(payload);
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new TypeError();
        body = parsed as Record<string, unknown>;
      } catch {
        return error('InvalidParameter', '请求体不是合法的 JSON 对象');
      }
    }
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
      const algorithm = encryption.Algorithm ?? 'AES-256-CBC';
      if (algorithm !== 'AES-256-CBC' && algorithm !== 'SM4-GCM') {
        return error('InvalidParameterValue', '参数 Encryption.Algorithm 取值错误');
      }
      try {
        body =
          algorithm === 'SM4-GCM'
            ? decryptSm4GcmFields(
                body,
                list as string[],
                {
                  CiphertextBlob: String(encryption.CiphertextBlob ?? ''),
                  Iv: String(encryption.Iv ?? ''),
                  TagList: encryption.TagList,
                },
                sm2PrivateKeyHex,
              )
            : await decryptFields(
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
    // Parameters sent in a query or a form are text: their Integer ones are read as numbers.
    const certType =
      call.parameters !== undefined && typeof body.CertType === 'string' && /^\d+$/.test(body.CertType)
        ? Number(body.CertType)
        : body.CertType;
    if (certType !== undefined && certType !== 0) return error('InvalidParameterValue', 'CertType 仅支持 0');

    const answer = faceIdAnswer(
      judge({
        name: body.Name as string,
        cardNumber: body.BankCard as string,
        ...(body.IdCard === undefined ? {} : { idNumber: body.IdCard as string }),
        ...(body.Phone === undefined ? {} : { phone: body.Phone as string }),
      }),
      action as FaceIdSimAction,
    );
    if ('error' in answer) return error(answer.error, answer.message);
    if ('fault' in answer) {
      if (answer.fault === 'hang') return hang(c);
      if (answer.fault === 'garbage') return garbage(c);
      return truncated(c, JSON.stringify({ Response: { Result: '0', Description: '认证通过', RequestId: requestId } }));
    }
    const description = DESCRIPTIONS[action as FaceIdSimAction][answer.result] ?? '';
    return c.json({ Response: { Result: answer.result, Description: description, RequestId: requestId } });
  });

  return { app, stats };
}

/** What the signature checks need: the clock and the SecretId → SecretKey table. */
interface Keys {
  now: () => number;
  credentials: Readonly<Record<string, string>>;
}

/** Tencent takes a signature within five minutes of its clock, either way. */
const outsideWindow = (keys: Keys, timestamp: number) =>
  Math.abs(Math.floor(keys.now() / 1000) - timestamp) > SIGNATURE_WINDOW_S;

/** Who is calling, for what; or the error that ends the request. */
type Call =
  | {
      secretId: string;
      action: string;
      version: string;
      token: boolean;
      /** The action's parameters from a query or a form (a TC3 POST's are its JSON body). */
      parameters?: Record<string, unknown>;
    }
  | { action: string; code: string; message: string };

/** TC3-HMAC-SHA256: the Authorization header over the signed headers and the body, in Tencent's order of checks. */
async function authenticateTc3(c: Context, payload: string, keys: Keys): Promise<Call> {
  const action = c.req.header('x-tc-action') ?? '';
  const fail = (code: string, message: string): Call => ({ action, code, message });
  const auth = readTc3Authorization(c.req.header('authorization') ?? '');
  if (!auth) return fail('AuthFailure.InvalidAuthorization', 'Authorization 格式不正确');
  const timestamp = Number(c.req.header('x-tc-timestamp'));
  if (!Number.isInteger(timestamp)) return fail('MissingParameter', '缺少 X-TC-Timestamp');
  if (outsideWindow(keys, timestamp)) {
    return fail('AuthFailure.SignatureExpire', '签名过期，请求时间戳与服务器时间相差超过五分钟');
  }
  const secretKey = keys.credentials[auth.secretId];
  if (secretKey === undefined) return fail('AuthFailure.SecretIdNotFound', '密钥不存在');
  if (!signatureMatches(c, auth, secretKey, timestamp, payload)) {
    return fail('AuthFailure.SignatureFailure', '请求签名验证失败，请检查您的签名计算是否正确');
  }
  return {
    secretId: auth.secretId,
    action,
    version: c.req.header('x-tc-version') ?? '',
    token: Boolean(c.req.header('x-tc-token')),
    // A GET carries the action's parameters in its (signed) query, flat, as text.
    ...(c.req.method === 'GET' ? { parameters: nestedParameters(new Map(new URL(c.req.url).searchParams)) } : {}),
  };
}

/** v1 (HmacSHA1 / HmacSHA256): the common parameters and the Signature over all of them. */
async function authenticateV1(c: Context, query: URLSearchParams, keys: Keys): Promise<Call> {
  const params = new Map(query);
  const action = params.get('Action') ?? '';
  const fail = (code: string, message: string): Call => ({ action, code, message });
  for (const name of ['Action', 'SecretId', 'Timestamp', 'Nonce', 'Version', 'Signature']) {
    if (!params.get(name)) return fail('MissingParameter', `缺少参数 \`${name}\``);
  }
  const timestamp = Number(params.get('Timestamp'));
  if (!Number.isInteger(timestamp)) return fail('InvalidParameter', '参数 Timestamp 类型错误');
  if (outsideWindow(keys, timestamp)) {
    return fail('AuthFailure.SignatureExpire', '签名过期，请求时间戳与服务器时间相差超过五分钟');
  }
  const secretId = params.get('SecretId') as string;
  const secretKey = keys.credentials[secretId];
  if (secretKey === undefined) return fail('AuthFailure.SecretIdNotFound', '密钥不存在');
  const method = params.get('SignatureMethod') ?? 'HmacSHA1';
  if (!isV1SignatureMethod(method)) return fail('AuthFailure.SignatureFailure', '不支持的签名方法');
  let matched = false;
  for (const host of signedHosts(c)) {
    const expected = await v1Signature(secretKey, method, v1StringToSign(c.req.method, host, c.req.path, params));
    matched = timingSafeEqual(expected, params.get('Signature') as string);
    if (matched) break;
  }
  if (!matched) return fail('AuthFailure.SignatureFailure', '请求签名验证失败，请检查您的签名计算是否正确');
  return {
    secretId,
    action,
    version: params.get('Version') as string,
    token: Boolean(params.get('Token')),
    parameters: nestedParameters(params),
  };
}

/**
 * The host a client may have signed: the bare name first (what Tencent's SDKs and ours sign), then
 * as sent, with its port (what a client signing its configured endpoint signs).
 */
function signedHosts(c: Context): Set<string> {
  const sent = c.req.header('host') ?? '';
  return new Set([sent.replace(/:\d+$/, ''), sent]);
}

/** Recomputes the TC3 signature over the headers the client listed. */
function signatureMatches(
  c: Context,
  auth: Tc3Credential,
  secretKey: string,
  timestamp: number,
  payload: string,
): boolean {
  if (!auth.signedHeaders.includes('content-type') || !auth.signedHeaders.includes('host')) return false;
  if (auth.date !== tc3DateOf(timestamp) || auth.service !== 'faceid') return false;
  const query = new URL(c.req.url).search.slice(1);
  for (const host of signedHosts(c)) {
    const headers: Record<string, string> = {};
    for (const name of auth.signedHeaders) headers[name] = name === 'host' ? host : (c.req.header(name) ?? '');
    const expected = tc3ExpectedSignature(secretKey, auth, timestamp, {
      method: c.req.method,
      query,
      headers,
      payload,
    });
    if (timingSafeEqual(expected, auth.signature)) return true;
  }
  return false;
}
