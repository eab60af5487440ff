// Tencent's official Node SDK drives the FaceID simulator, in each way it can sign and send:
// a client written by others, checked against the same wire rules as ours.
import { Agent } from 'node:http';
import { createCallContext } from '@cardbind/core/contract';
import {
  encryptFields,
  type FaceIdEncryptionAlgorithm,
  importFaceIdEncryptionKey,
} from '@cardbind/core/providers/tencent-faceid/internal';
import tencentcloud from 'tencentcloud-sdk-nodejs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  SANDBOX_CREDENTIALS,
  SANDBOX_RSA_PUBLIC_KEY,
  SANDBOX_SM2_PUBLIC_KEY,
  SCENARIO_CARDS,
  type Scenario,
} from '../src/index.js';
import { v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';
import { createFaceIdSimulator } from '../src/tencent-faceid/app.js';
import { HOLDER, serveForSuite } from './support.js';

const simulator = createFaceIdSimulator({ qps: 10_000 });
const server = await serveForSuite(simulator.app);
const port = new URL(server.url).port;
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;

// The SDK derives TC3's service from the endpoint's first label: it is given Tencent's host name
// on the simulator's port, and an agent that resolves that name to loopback.
const loopback = (_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) =>
  options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
const agent = new Agent({ keepAlive: true, lookup: loopback as never });
afterAll(() => agent.destroy());

type SignMethod = 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1';
function sdk(signMethod: SignMethod, reqMethod: 'POST' | 'GET', key: string = secretKey) {
  return new tencentcloud.faceid.v20180301.Client({
    credential: { secretId, secretKey: key },
    region: '',
    profile: {
      signMethod,
      httpProfile: { endpoint: `faceid.tencentcloudapi.com:${port}`, protocol: 'http://', reqMethod, agent },
    },
  });
}

const two = { Name: HOLDER.name, BankCard: HOLDER.cardNumber };
const three = { ...two, IdCard: HOLDER.idNumber };
const four = { ...three, Phone: HOLDER.phone };

/** What the SDK threw: Tencent's error code. */
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: { code?: string }) => error.code,
  );

// TC3 by POST (JSON) and by GET (query); v1 (HmacSHA256, HmacSHA1) by form POST and by GET.
const modes: [SignMethod, 'POST' | 'GET'][] = [
  ['TC3-HMAC-SHA256', 'POST'],
  ['TC3-HMAC-SHA256', 'GET'],
  ['HmacSHA256', 'POST'],
  ['HmacSHA256', 'GET'],
  ['HmacSHA1', 'POST'],
  ['HmacSHA1', 'GET'],
];

describe.each(modes)('the official SDK signing with %s, sending by %s', (signMethod, reqMethod) => {
  const client = sdk(signMethod, reqMethod);

  it('2 elements (name and card): verified, a name the card does not carry -1, a malformed card -3', async () => {
    expect(await client.BankCard2EVerification(two)).toMatchObject({ Result: '0', Description: '认证通过' });
    expect((await client.BankCard2EVerification({ ...two, Name: '李四' })).Result).toBe('-1');
    expect(await client.BankCard2EVerification({ ...two, BankCard: '62220200' })).toMatchObject({
      Result: '-3',
      Description: '银行卡号格式有误',
    });
    // The 2-element action takes no ID: sending one is an unknown parameter, as API 3.0 answers it.
    expect(await codeOf(client.BankCard2EVerification(three))).toBe('UnknownParameter');
  });

  it('3 and 4 elements: verified, and a mismatch answered as such', async () => {
    expect((await client.BankCardVerification(three)).Result).toBe('0');
    expect((await client.BankCard4EVerification(four)).Result).toBe('0');
    expect((await client.BankCardVerification({ ...three, Name: '李四' })).Result).not.toBe('0');
  });

  it.each<[FaceIdEncryptionAlgorithm, string, string]>([
    ['AES-256-CBC', SANDBOX_RSA_PUBLIC_KEY, 'RSA'],
    ['SM4-GCM', SANDBOX_SM2_PUBLIC_KEY, 'SM2'],
  ])('with Encryption %s (the key wrapped with the sandbox %s key), 2, 3 and 4 elements', async (algorithm, pem) => {
    const key = await importFaceIdEncryptionKey(pem, algorithm);
    const encrypted = await encryptFields(four, ['Name', 'IdCard', 'BankCard', 'Phone'], key, createCallContext());
    expect(encrypted.Name).not.toBe(HOLDER.name);
    expect(encrypted.Encryption?.Algorithm).toBe(algorithm);
    const fourSent = { ...encrypted, IdCard: encrypted.IdCard ?? '', Phone: encrypted.Phone ?? '' };
    expect((await client.BankCard4EVerification(fourSent)).Result).toBe('0');

    const encryptedThree = await encryptFields(three, ['Name', 'IdCard', 'BankCard'], key, createCallContext());
    expect(encryptedThree.IdCard).not.toBe(HOLDER.idNumber);
    expect((await client.BankCardVerification({ ...encryptedThree, IdCard: encryptedThree.IdCard ?? '' })).Result).toBe(
      '0',
    );

    const encryptedTwo = await encryptFields(two, ['Name', 'BankCard'], key, createCallContext());
    expect(encryptedTwo.BankCard).not.toBe(HOLDER.cardNumber);
    expect((await client.BankCard2EVerification(encryptedTwo)).Result).toBe('0');
    const mismatch = await encryptFields({ ...two, Name: '李四' }, ['Name', 'BankCard'], key, createCallContext());
    expect((await client.BankCard2EVerification(mismatch)).Result).toBe('-1');
  });

  it('a wrong SecretKey is AuthFailure.SignatureFailure; a missing parameter MissingParameter', async () => {
    expect(await codeOf(sdk(signMethod, reqMethod, 'wrong').BankCardVerification(three))).toBe(
      'AuthFailure.SignatureFailure',
    );
    const { BankCard: _card, ...withoutCard } = three;
    expect(await codeOf(client.BankCardVerification(withoutCard as typeof three))).toBe('MissingParameter');
    expect(await codeOf(client.BankCardVerification({ ...three, Phone: HOLDER.phone } as typeof three))).toBe(
      'UnknownParameter',
    );
  });
});

// Tencent's list for BankCard2EVerification (the SDK's own model documents it), written out here rather
// than read from the simulator's table: [Result, Description, what is sent].
const card = (scenario: Scenario) => ({ BankCard: SCENARIO_CARDS[scenario] });
const TWO: [string, string, Partial<typeof two>][] = [
  ['0', '认证通过', {}],
  ['-1', '认证未通过', { Name: '李四' }],
  ['-2', '姓名校验不通过', { Name: '张3' }],
  ['-3', '银行卡号格式有误', { BankCard: '6222a20000000001008' }],
  ['-4', '持卡人信息有误', card('cardholder_info_wrong')],
  ['-5', '未开通无卡支付', card('cardless_disabled')],
  ['-6', '此卡被没收', card('confiscated')],
  ['-7', '无效卡号', card('invalid_card')],
  ['-8', '此卡无对应发卡行', card('no_issuer')],
  ['-9', '该卡未初始化或睡眠卡', card('dormant')],
  ['-10', '作弊卡、吞卡', card('fraud')],
  ['-11', '此卡已挂失', card('lost')],
  ['-12', '该卡已过期', card('expired')],
  ['-13', '受限制的卡', card('restricted')],
  ['-14', '密码错误次数超限', card('pin_locked')],
  ['-15', '发卡行不支持此交易', card('issuer_unsupported')],
  ['-16', '验证中心服务繁忙', card('busy')],
  ['-17', '验证次数超限，请次日重试', card('daily_limit')],
  ['-18', '卡状态异常或卡号错误', card('status_abnormal')],
];

describe("BankCard2EVerification: every Result code of Tencent's list, through the official SDK", () => {
  const client = sdk('TC3-HMAC-SHA256', 'POST');
  it.each(TWO)('Result %s (%s)', async (result, description, change) => {
    expect(await client.BankCard2EVerification({ ...two, ...change })).toMatchObject({
      Result: result,
      Description: description,
    });
  });
});

describe('v1 signatures, sent by hand', () => {
  /** A v1 request over `params` (common ones added), signed for `host` and sent by `method`. */
  async function sendV1(method: 'GET' | 'POST', params: Record<string, string>, sign: string = secretKey) {
    const all = new Map(
      Object.entries({
        Action: 'BankCardVerification',
        Version: '2018-03-01',
        SecretId: secretId,
        Timestamp: String(Math.floor(Date.now() / 1000)),
        Nonce: '4242',
        SignatureMethod: 'HmacSHA256',
        ...params,
      }),
    );
    const host = new URL(server.url).host;
    all.set('Signature', await v1Signature(sign, 'HmacSHA256', v1StringToSign(method, host, '/', all)));
    const query = new URLSearchParams([...all]).toString();
    const res =
      method === 'GET'
        ? await fetch(`${server.url}/?${query}`)
        : await fetch(server.url, {
            method: 'POST',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: query,
          });
    return ((await res.json()) as { Response: { Result?: string; Error?: { Code: string } } }).Response;
  }

  it('the published signing rule: sorted parameters, raw values, Base64 HMAC (checked apart from the SDK)', async () => {
    expect((await sendV1('GET', three)).Result).toBe('0');
    expect((await sendV1('POST', three)).Result).toBe('0');
    // A value changed after signing.
    const all = new Map(Object.entries({ ...three, Action: 'BankCardVerification' }));
    const signed = v1StringToSign('POST', 'h', '/', all);
    expect(signed).toBe(
      `POSTh/?Action=BankCardVerification&BankCard=${HOLDER.cardNumber}&IdCard=${HOLDER.idNumber}&Name=${HOLDER.name}`,
    );
  });

  it('refuses what the real API refuses: a bad signature, an expired one, a missing common parameter', async () => {
    expect((await sendV1('GET', three, 'wrong')).Error?.Code).toBe('AuthFailure.SignatureFailure');
    expect((await sendV1('GET', { ...three, Timestamp: '1000000000' })).Error?.Code).toBe(
      'AuthFailure.SignatureExpire',
    );
    expect((await sendV1('GET', { ...three, Nonce: '' })).Error?.Code).toBe('MissingParameter');
  });

  it('a parameter aimed at an object prototype is an unknown parameter, and pollutes nothing', async () => {
    const answer = await sendV1('POST', { ...three, '__proto__.polluted': 'yes', 'Encryption.constructor.x': '1' });
    expect(answer.Error?.Code).toBe('UnknownParameter');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
