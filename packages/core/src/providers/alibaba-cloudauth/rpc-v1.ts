import { toBase64 } from '../../crypto/encoding.js';
import { hmacSha1 } from '../../crypto/hmac.js';
import { acsEncode, sortedQuery } from './percent-encode.js';

/**
 * The RPC signature (V1): Base64 HMAC-SHA1, keyed with `secret + "&"`, of
 * `METHOD&%2F&` + the encoded, sorted, encoded parameters (every query and form parameter but
 * `Signature`).
 */
export async function rpcV1Signature(
  accessKeySecret: string,
  method: string,
  params: Readonly<Record<string, string>>,
): Promise<string> {
  const stringToSign = `${method.toUpperCase()}&${acsEncode('/')}&${acsEncode(sortedQuery(params, true))}`;
  return toBase64(await hmacSha1(`${accessKeySecret}&`, stringToSign));
}
