import { describe, expect, it } from 'vitest';
import tencentVectors from '../../../../../vectors/tencent-signing.json' with { type: 'json' };
import { sha256 } from '../../crypto/digest.js';
import { toHex } from '../../crypto/encoding.js';
import { parseTc3Authorization, tc3Authorization, tc3CanonicalRequest, tc3StringToSign } from './tc3.js';

// Tencent's published API 3.0 example, checked into vectors/ at the repository's root.
const { tc3: vector } = tencentVectors;
const input = {
  secretId: vector.secretId,
  secretKey: vector.secretKey,
  service: vector.service,
  timestamp: vector.timestamp,
  method: vector.method,
  headers: { 'Content-Type': vector.contentType, Host: vector.host },
  payload: vector.payload,
};
const published = `TC3-HMAC-SHA256 Credential=${vector.secretId}/${vector.date}/${vector.service}/tc3_request, SignedHeaders=${vector.signedHeaders.join(';')}, Signature=${vector.signature}`;

describe('TC3-HMAC-SHA256 (published vector)', () => {
  it('hashes the payload bytes exactly', async () => {
    expect(toHex(await sha256(input.payload))).toBe(vector.payloadSha256);
  });

  it('builds the canonical request', async () => {
    const { canonical, signedHeaders } = await tc3CanonicalRequest(input);
    expect(signedHeaders).toBe('content-type;host');
    expect(toHex(await sha256(canonical))).toBe(vector.canonicalRequestSha256);
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
    expect(authorization).toBe(published);
    expect(parseTc3Authorization(authorization)).toEqual({
      secretId: vector.secretId,
      date: vector.date,
      service: vector.service,
      signedHeaders: vector.signedHeaders,
      signature: vector.signature,
    });
  });

  it('scopes the string to sign by the UTC date of the timestamp', async () => {
    const sts = await tc3StringToSign(vector.timestamp, vector.service, 'x');
    expect(sts.split('\n').slice(0, 3)).toEqual([
      'TC3-HMAC-SHA256',
      String(vector.timestamp),
      `${vector.date}/${vector.service}/tc3_request`,
    ]);
  });

  it('rejects a malformed Authorization header', () => {
    expect(parseTc3Authorization('TC3-HMAC-SHA256 Credential=x')).toBeUndefined();
  });
});
