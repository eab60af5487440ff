import { describe, expect, it } from 'vitest';
import { v2Signature, v2StringToSign } from './sign.js';

// Published vectors: ../shared/specs/signing-test-vectors.md (API 2.0).
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const V1 =
  'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&Nonce=11886&Region=gz&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&Timestamp=1465185768&instanceIds.0=ins-09dx96dg&limit=20&offset=0';
const V2 =
  'GETcvm.api.qcloud.com/v2/index.php?Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Nonce=11886&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA&SignatureMethod=HmacSHA256&Timestamp=1465185768';

describe('API 2.0 signing (published vectors)', () => {
  it('builds the string to sign: byte-order sort, `_` → `.` in names, raw values', () => {
    const params = {
      offset: '0',
      limit: '20',
      instanceIds_0: 'ins-09dx96dg',
      Timestamp: '1465185768',
      SecretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA',
      Region: 'gz',
      Nonce: '11886',
      Action: 'DescribeInstances',
      Signature: 'left out',
    };
    expect(v2StringToSign('get', 'cvm.api.qcloud.com', '/v2/index.php', params)).toBe(V1);
  });

  it('vector 1: HmacSHA1', async () => {
    expect(await v2Signature(SECRET_KEY, V1, 'HmacSHA1')).toBe('NSI3UqqD99b/UJb4tbG/xZpRW64=');
  });

  it('vector 2: HmacSHA256', async () => {
    expect(await v2Signature(SECRET_KEY, V2, 'HmacSHA256')).toBe('0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=');
  });

  it('vector 3: the same string with SignatureMethod=HmacSHA1', async () => {
    const v3 = V2.replace('SignatureMethod=HmacSHA256', 'SignatureMethod=HmacSHA1');
    expect(await v2Signature(SECRET_KEY, v3, 'HmacSHA1')).toBe('nPVnY6njQmwQ8ciqbPl5Qe+Oru4=');
  });

  it('defaults to HmacSHA256', async () => {
    expect(await v2Signature(SECRET_KEY, V2)).toBe('0EEm/HtGRr/VJXTAD9tYMth1Bzm3lLHz5RCDv1GdM8s=');
  });
});
