import { describe, expect, it } from 'vitest';
import {
  readTc3Authorization,
  tc3CanonicalRequestOf,
  tc3DateOf,
  tc3ExpectedSignature,
} from '../src/shared/signature-tc3.js';

// Tencent's published API 3.0 example (CVM DescribeInstances).
const timestamp = 1551113065;
const request = {
  method: 'POST',
  query: '',
  headers: { 'content-type': 'application/json; charset=utf-8', host: 'cvm.tencentcloudapi.com' },
  payload: String.raw`{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`,
};
const hexSha256 = async (value: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('TC3-HMAC-SHA256, checked by the sandbox (published vector)', () => {
  it('builds the canonical request and the signature the example publishes', async () => {
    const canonical = tc3CanonicalRequestOf(request, ['content-type', 'host']);
    expect(canonical.endsWith('35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064')).toBe(true);
    expect(await hexSha256(canonical)).toBe('5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031');
    expect(tc3DateOf(timestamp)).toBe('2019-02-25');
    const signature = tc3ExpectedSignature(
      'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      { date: '2019-02-25', service: 'cvm', signedHeaders: ['content-type', 'host'] },
      timestamp,
      request,
    );
    expect(signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
  });

  it('signs header names and values in lower case, trimmed, sorted by name', async () => {
    const canonical = tc3CanonicalRequestOf(
      { ...request, headers: { ...request.headers, 'x-tc-action': ' DescribeInstances ' } },
      ['x-tc-action', 'Host', 'content-type'],
    );
    expect(canonical.split('\n').slice(3, 7)).toEqual([
      'content-type:application/json; charset=utf-8',
      'host:cvm.tencentcloudapi.com',
      'x-tc-action:describeinstances',
      '',
    ]);
  });

  it('reads the Authorization header, and nothing that only resembles it', () => {
    expect(
      readTc3Authorization(
        'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
      ),
    ).toEqual({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      date: '2019-02-25',
      service: 'cvm',
      signedHeaders: ['content-type', 'host'],
      signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    });
    expect(readTc3Authorization('TC3-HMAC-SHA256 Credential=x/2019-02-25/cvm/tc3_request')).toBeUndefined();
    expect(readTc3Authorization('Basic eDp5')).toBeUndefined();
  });
});
