import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { canonicalQuery, rfc3986 } from './signature-acs3.js';

/**
 * Alibaba Cloud's RPC signature (V1), as the cloudauth simulator checks it, apart from core's
 * signer: Base64(HMAC-SHA1(AccessKeySecret + "&", METHOD + "&%2F&" + encode(CanonicalQuery))),
 * CanonicalQuery being every parameter but `Signature`, each name and value RFC 3986-encoded,
 * sorted by name.
 */
export function rpcExpected(secret: string, method: string, params: ReadonlyArray<[string, string]>): string {
  const canonical = canonicalQuery(params.filter(([k]) => k !== 'Signature'));
  const stringToSign = `${method.toUpperCase()}&${rfc3986('/')}&${rfc3986(canonical)}`;
  const mac = hmac(sha1, utf8ToBytes(`${secret}&`), utf8ToBytes(stringToSign));
  return btoa(String.fromCharCode(...mac));
}
