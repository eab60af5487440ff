import { describe, expect, it } from 'vitest';
import vectors from '../../../../../vectors/alibaba-signing.json' with { type: 'json' };
import { acs3Authorization, acs3CanonicalRequest, acs3PayloadHash, acs3Signature } from './acs3.js';
import { acsEncode } from './percent-encode.js';
import { rpcV1Signature } from './rpc-v1.js';

describe('Alibaba Cloud signing, against the published vectors', () => {
  it('V3 ACS3-HMAC-SHA256: the RunInstances example', () => {
    const v = vectors.acs3;
    expect(acs3PayloadHash(v.body)).toBe(v.headers['x-acs-content-sha256']);
    const input = { ...v, payloadHash: acs3PayloadHash(v.body) };
    const { canonical, signed } = acs3CanonicalRequest(input);
    expect(signed).toBe('host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version');
    expect(acs3Signature(v.accessKeySecret, canonical)).toBe(v.signature);
    expect(acs3Authorization(input)).toBe(
      `ACS3-HMAC-SHA256 Credential=${v.accessKeyId},SignedHeaders=${signed},Signature=${v.signature}`,
    );
  });

  it('V3: any other value, header or key changes the signature', () => {
    const v = vectors.acs3;
    const base = { ...v, headers: v.headers as Record<string, string>, payloadHash: acs3PayloadHash(v.body) };
    const sign = (input: typeof base) => acs3Signature(input.accessKeySecret, acs3CanonicalRequest(input).canonical);
    expect(sign({ ...base, query: { ...v.query, RegionId: 'cn-beijing' } })).not.toBe(v.signature);
    expect(sign({ ...base, headers: { ...v.headers, 'x-acs-date': '2023-10-26T10:22:33Z' } })).not.toBe(v.signature);
    expect(sign({ ...base, accessKeySecret: 'other' })).not.toBe(v.signature);
    // Headers that are not signed do not count; names in any case do.
    expect(sign({ ...base, headers: { ...v.headers, 'user-agent': 'x', Accept: 'application/json' } })).toBe(
      v.signature,
    );
  });

  it('V1 RPC HMAC-SHA1: the DescribeRegions example', async () => {
    const v = vectors.rpcV1;
    expect(await rpcV1Signature(v.accessKeySecret, v.method, v.params)).toBe(v.signature);
    expect(await rpcV1Signature(v.accessKeySecret, 'POST', v.params)).not.toBe(v.signature);
  });

  it("percent-encodes as Alibaba does: unreserved kept, space %20, !'()* and UTF-8 encoded", () => {
    expect(acsEncode("a-b_c.d~e f!'()*")).toBe('a-b_c.d~e%20f%21%27%28%29%2A');
    expect(acsEncode('张三')).toBe('%E5%BC%A0%E4%B8%89');
    expect(acsEncode('a+b/c=d')).toBe('a%2Bb%2Fc%3Dd');
  });
});
