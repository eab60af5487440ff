import { describe, expect, it } from 'vitest';
import { v1ActionParameters, v1Signature, v1StringToSign } from '../src/shared/signature-v1.js';

// Tencent's published v1 examples (the same rule as API 2.0's), SecretKey below.
const secretKey = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const common = { Action: 'DescribeInstances', Nonce: '11886', SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA' };

describe('v1 signatures (published vectors)', () => {
  it('HmacSHA1: sorted in byte order (upper case first), values raw', async () => {
    const params = new Map(
      Object.entries({
        ...common,
        Region: 'gz',
        Timestamp: '1465185768',
        'instanceIds.0': 'ins-09dx96dg',
        limit: '20',
        offset: '0',
      }),
    );
    const toSign = v1StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', params);
    expect(toSign).toBe(
      'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0',
    );
    expect(await v1Signature(secretKey, 'HmacSHA1', toSign)).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=');
  });

  it('HmacSHA256 and HmacSHA1 over the same parameters; Signature itself and `_` in names as the rule says', async () => {
    const params = new Map(
      Object.entries({
        ...common,
        InstanceIds_0: 'ins-09dx96dg',
        Region: 'ap-guangzhou',
        SignatureMethod: 'HmacSHA256',
        Timestamp: '1465185768',
        Signature: 'left out',
      }),
    );
    const toSign = v1StringToSign('GET', 'cvm.api.qcloud.com', '/v2/index.php', params);
    expect(toSign).toBe(
      'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768',
    );
    expect(await v1Signature(secretKey, 'HmacSHA256', toSign)).toBe('0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=');
    params.set('SignatureMethod', 'HmacSHA1');
    expect(
      await v1Signature(secretKey, 'HmacSHA1', v1StringToSign('GET', 'cvm.api.qcloud.com', '/v2/index.php', params)),
    ).toBe('nPVnY6njQmwQ8ciqbPl5Qe+Oru4=');
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
    expect(v1ActionParameters(params)).toEqual({
      Name: 'n',
      Encryption: { EncryptList: ['Name', 'IdCard'], Iv: 'iv' },
    });
  });
});
