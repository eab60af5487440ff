import { describe, expect, it } from 'vitest';
import tencentVectors from '../../../vectors/tencent-signing.json' with { type: 'json' };
import { nestedParameters, type V1SignatureMethod, v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';

// Tencent's published v1 examples (the same rule as API 2.0's), checked into vectors/ at the
// repository's root.
const { secretKey, vectors } = tencentVectors.apiV2;

describe('v1 signatures (published vectors)', () => {
  it.each(vectors)('$name', async ({ params, method, stringToSign, signature }) => {
    // Never part of what is signed.
    const sent = new Map(Object.entries({ ...params, Signature: 'left out' }));
    const signed = v1StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', sent);
    expect(signed).toBe(stringToSign);
    expect(await v1Signature(secretKey, method as V1SignatureMethod, signed)).toBe(signature);
  });

  it('reads `_` in a name as `.`', () => {
    const [, second] = vectors;
    const params = Object.fromEntries(Object.entries(second?.params ?? {}).map(([k, v]) => [k.replace('.', '_'), v]));
    const signed = v1StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', new Map(Object.entries(params)));
    expect(signed).toBe(second?.stringToSign);
  });
});

describe('v1 action parameters', () => {
  it('nests dotted names, lists by index, and leaves the common parameters out', () => {
    const params = new Map(
      Object.entries({
        Action: 'BankCardVerification',
        Signature: 's',
        Name: 'n',
        'Encryption.EncryptList.0': 'Name',
        'Encryption.EncryptList.1': 'IdCard',
        'Encryption.Iv': 'iv',
      }),
    );
    expect(nestedParameters(params)).toEqual({
      Name: 'n',
      Encryption: { EncryptList: ['Name', 'IdCard'], Iv: 'iv' },
    });
  });

  it('keeps a name that nests under a plain value flat (refused as unknown), and throws on nothing', () => {
    const params = new Map(Object.entries({ Name: 'n', 'Name.x': 'y', 'Name.x.0': 'z' }));
    expect(nestedParameters(params)).toEqual({ Name: 'n', 'Name.x': 'y', 'Name.x.0': 'z' });
  });
});
