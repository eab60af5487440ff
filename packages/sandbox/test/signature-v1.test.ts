import { describe, expect, it } from 'vitest';
import { nestedParameters, type V1SignatureMethod, v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';

// Tencent's published v1 examples (the same rule as API 2.0's), SecretKey below.
const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const common = { Action: 'DescribeInstances', Nonce: '11886', SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA' };

const second = {
  ...common,
  // Signed as `InstanceIds.0`: the rule reads `_` in names as `.`.
  InstanceIds_0: 'ins-09dx96dg',
  Region: 'ap-guangzhou',
  Timestamp: '1465185768',
  // Never part of what is signed.
  Signature: 'left out',
};
const secondSigned = (method: string) =>
  `GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=${method}&Timestamp=1465185768`;

const VECTORS: [
  name: string,
  params: Record<string, string>,
  method: V1SignatureMethod,
  toSign: string,
  signature: string,
][] = [
  [
    'HmacSHA1, sorted in byte order (upper case first)',
    { ...common, Region: 'gz', Timestamp: '1465185768', 'instanceIds.0': 'ins-09dx96dg', limit: '20', offset: '0' },
    'HmacSHA1',
    'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0',
    'NSI3UqqD99b/UJb4tbG/xZpRW64=',
  ],
  [
    'HmacSHA256',
    { ...second, SignatureMethod: 'HmacSHA256' },
    'HmacSHA256',
    secondSigned('HmacSHA256'),
    '0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=',
  ],
  [
    'HmacSHA1 named',
    { ...second, SignatureMethod: 'HmacSHA1' },
    'HmacSHA1',
    secondSigned('HmacSHA1'),
    'nPVnY6njQmwQ8ciqbPl5Qe+Oru4=',
  ],
];

describe('v1 signatures (published vectors)', () => {
  it.each(VECTORS)('%s', async (_name, params, method, toSign, signature) => {
    const signed = v1StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', new Map(Object.entries(params)));
    expect(signed).toBe(toSign);
    expect(await v1Signature(secretKey, method, signed)).toBe(signature);
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
