// Tencent's old API 2.0 Node SDK (qcloudapi-sdk) drives the csec simulator by POST and by GET,
// with both signature methods: a client written by others, checked against the same wire rules.
import QcloudApi from 'qcloudapi-sdk';
import { describe, expect, it } from 'vitest';
import { SANDBOX_CREDENTIALS } from '../src/index.js';
import { createCsecSimulator } from '../src/tencent-csec/app.js';
import { HOLDER, serveForSuite } from './support.js';

const server = await serveForSuite(createCsecSimulator().app);
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentCsec;

interface CsecBody {
  code: number;
  codeDesc: string;
  bspFivBody?: { authCode: string };
}

/**
 * The SDK signs for csec.api.qcloud.com, as in production; its HTTP library reaches the simulator
 * as an HTTP proxy on loopback, so the host it signed is the host the simulator sees.
 */
function call(
  method: 'POST' | 'GET',
  signatureMethod: 'sha1' | 'sha256',
  params: Record<string, string>,
  key: string = secretKey,
) {
  const api = new QcloudApi({
    SecretId: secretId,
    SecretKey: key,
    serviceType: 'csec',
    protocol: 'http',
    method,
    signatureMethod,
  });
  return new Promise<CsecBody>((resolve, reject) =>
    api.request(params, undefined, (error: Error | null, body: CsecBody) => (error ? reject(error) : resolve(body)), {
      proxy: server.url,
    }),
  );
}

let order = 0;
const three = () => ({
  Action: 'BspBankCard3Auth',
  orderNo: `sdk${Date.now()}${order++}`,
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  bankCardNumber: HOLDER.cardNumber,
});

describe.each([
  ['POST', 'sha1'],
  ['POST', 'sha256'],
  ['GET', 'sha1'],
  ['GET', 'sha256'],
] as const)('qcloudapi-sdk by %s, Hmac%s', (method, signatureMethod) => {
  it('3 and 4 elements: verified (authCode 00); a mismatch answered as such', async () => {
    expect((await call(method, signatureMethod, three())).bspFivBody?.authCode).toBe('00');
    const four = { ...three(), Action: 'BspBankCardAuth4', phoneNumber: HOLDER.phone };
    expect((await call(method, signatureMethod, four)).bspFivBody?.authCode).toBe('00');
    expect((await call(method, signatureMethod, { ...three(), name: '李四' })).bspFivBody?.authCode).not.toBe('00');
  });

  it('a wrong SecretKey is 4100, the platform code for a bad signature', async () => {
    expect(await call(method, signatureMethod, three(), 'wrong-key')).toMatchObject({ code: 4100 });
  });
});
