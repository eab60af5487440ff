import { describe, expect, it } from 'vitest';
import vectors from '../../../vectors/alibaba-signing.json' with { type: 'json' };
import { rpcExpected } from '../src/shared/signature-acs-rpc.js';
import { acs3Expected, readAcs3Authorization } from '../src/shared/signature-acs3.js';

describe("the cloudauth simulator's signature checks, against Alibaba's published vectors", () => {
  it('V3 ACS3-HMAC-SHA256: the RunInstances example', () => {
    const v = vectors.acs3;
    const signed = Object.keys(v.headers).sort();
    const request = {
      method: v.method,
      path: v.path,
      query: Object.entries(v.query),
      headers: new Headers(v.headers),
    };
    expect(acs3Expected(v.accessKeySecret, request, signed)).toBe(v.signature);
    expect(acs3Expected('other', request, signed)).not.toBe(v.signature);
    const header = `ACS3-HMAC-SHA256 Credential=${v.accessKeyId},SignedHeaders=${signed.join(';')},Signature=${v.signature}`;
    expect(readAcs3Authorization(header)).toEqual({
      accessKeyId: v.accessKeyId,
      signedHeaders: signed,
      signature: v.signature,
    });
  });

  it('V1 RPC HMAC-SHA1: the DescribeRegions example', () => {
    const v = vectors.rpcV1;
    expect(rpcExpected(v.accessKeySecret, v.method, Object.entries(v.params))).toBe(v.signature);
    // Signature itself is never part of what is signed.
    expect(rpcExpected(v.accessKeySecret, v.method, [...Object.entries(v.params), ['Signature', 'x']])).toBe(
      v.signature,
    );
  });
});
