import { describe, expect, it } from 'vitest';
import { createCallContext } from '../../contract/context.js';
import { createAggregatePayProvider } from '../aggregate-pay/provider.js';
import { createTencentFaceIdProvider } from '../tencent-faceid/provider.js';
import { importedKey } from './imported-key.js';

// Vitest fails a run on an unhandled rejection: these also show that a bad key leaves none.
describe('a configured key that does not import', () => {
  it('importedKey: each await gets a ConfigurationError naming the key, never its value', async () => {
    const key = importedKey(Promise.reject(new Error('bad PEM: secret-material')), 'p: someKey');
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let i = 0; i < 2; i++) {
      const error = await key.then(
        () => undefined,
        (e: { code: string; message: string }) => e,
      );
      expect(error).toMatchObject({ code: 'ERR_CONFIGURATION', message: 'p: someKey does not import' });
      expect(error?.message).not.toContain('secret-material');
    }
  });

  it('FaceID with a bad encryptionPublicKey: made without crashing; its calls fail typed, before anything is sent', async () => {
    let sent = 0;
    const provider = createTencentFaceIdProvider({
      secretId: 'AKIDexample',
      secretKey: 'secret-example',
      encryptionPublicKey: '-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----',
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const ctx = createCallContext({
      fetch: async () => {
        sent++;
        return new Response('{}');
      },
    });
    const request = { kind: 2, orderNo: 'o1', name: '张三', cardNumber: '6222020000000001008' } as const;
    await expect(provider.verify2(request, ctx)).rejects.toMatchObject({ code: 'ERR_CONFIGURATION' });
    ctx.release();
    expect(sent).toBe(0);
  });

  it('aggregate-pay with keys that do not import: made without crashing', async () => {
    createAggregatePayProvider({
      baseUrl: 'https://agg.example',
      customerNo: 'C1',
      md5Key: 'k'.repeat(16),
      platformPublicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
      merchantPrivateKey: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----',
      submitUrlPolicy: { allowedHosts: ['agg.example'] },
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
