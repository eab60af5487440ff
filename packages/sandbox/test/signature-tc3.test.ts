import { describe, expect, it } from 'vitest';
import tencentVectors from '../../../vectors/tencent-signing.json' with { type: 'json' };
import {
  readTc3Authorization,
  tc3CanonicalRequestOf,
  tc3DateOf,
  tc3ExpectedSignature,
} from '../src/shared/signature-tc3.js';

// Tencent's published API 3.0 example, checked into vectors/ at the repository's root.
const { tc3: vector } = tencentVectors;
const request = {
  method: vector.method,
  query: '',
  headers: { 'content-type': vector.contentType, host: vector.host },
  payload: vector.payload,
};
const published = `TC3-HMAC-SHA256 Credential=${vector.secretId}/${vector.date}/${vector.service}/tc3_request, SignedHeaders=${vector.signedHeaders.join(';')}, Signature=${vector.signature}`;
const hexSha256 = async (value: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(value))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('TC3-HMAC-SHA256, checked by the sandbox (published vector)', () => {
  it('builds the canonical request and the signature the example publishes', async () => {
    const canonical = tc3CanonicalRequestOf(request, vector.signedHeaders);
    expect(canonical.endsWith(vector.payloadSha256)).toBe(true);
    expect(await hexSha256(canonical)).toBe(vector.canonicalRequestSha256);
    expect(tc3DateOf(vector.timestamp)).toBe(vector.date);
    const signature = tc3ExpectedSignature(
      vector.secretKey,
      { date: vector.date, service: vector.service, signedHeaders: vector.signedHeaders },
      vector.timestamp,
      request,
    );
    expect(signature).toBe(vector.signature);
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
    expect(readTc3Authorization(published)).toEqual({
      secretId: vector.secretId,
      date: vector.date,
      service: vector.service,
      signedHeaders: vector.signedHeaders,
      signature: vector.signature,
    });
    expect(readTc3Authorization('TC3-HMAC-SHA256 Credential=x/2019-02-25/cvm/tc3_request')).toBeUndefined();
    expect(readTc3Authorization('Basic eDp5')).toBeUndefined();
  });
});
