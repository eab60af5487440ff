import { describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/digest.js';
import { toHex } from '../../crypto/encoding.js';
import { parseTc3Authorization, tc3Authorization, tc3CanonicalRequest, tc3StringToSign } from './tc3.js';

// Published vector: ../shared/specs/signing-test-vectors.md (API 3.0).
const input = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  timestamp: 1551113065,
  method: 'POST',
  headers: { 'Content-Type': 'application/json; charset=utf-8', Host: 'cvm.tencentcloudapi.com' },
  payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
};

describe('TC3-HMAC-SHA256 (published vector)', () => {
  it('hashes the payload bytes exactly', async () => {
    expect(toHex(await sha256(input.payload))).toBe('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064');
  });

  it('builds the canonical request', async () => {
    const { canonical, signedHeaders } = await tc3CanonicalRequest(input);
    expect(signedHeaders).toBe('content-type;host');
    expect(toHex(await sha256(canonical))).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
  });

  it('signs header names and values in lower case, trimmed (Tencent: x-tc-action:describeinstances)', () => {
    const { canonical, signedHeaders } = tc3CanonicalRequest({
      ...input,
      headers: { ...input.headers, 'X-TC-Action': ' DescribeInstances ' },
    });
    expect(signedHeaders).toBe('content-type;host;x-tc-action');
    expect(canonical).toContain('\nhost:cvm.tencentcloudapi.com\nx-tc-action:describeinstances\n\n');
  });

  it('signs: the Authorization header carries the published signature', async () => {
    const authorization = await tc3Authorization(input);
    expect(authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
    expect(parseTc3Authorization(authorization)).toEqual({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    });
  });

  it('scopes the string to sign by the UTC date of the timestamp', async () => {
    const sts = await tc3StringToSign(1551113065, 'cvm', 'x');
    expect(sts.split('\n').slice(0, 3)).toEqual(['TC3-HMAC-SHA256', '1551113065', '2019-02-25/cvm/tc3_request']);
  });

  it('rejects a malformed Authorization header', () => {
    expect(parseTc3Authorization('TC3-HMAC-SHA256 Credential=x')).toBeUndefined();
  });
});
