import type { CallContext } from '../../contract/types.js';
import { toHex } from '../../crypto/encoding.js';
import { acs3Authorization, acs3PayloadHash } from './acs3.js';
import { type BankMetaVerifyParams, CLOUDAUTH_ACTION, CLOUDAUTH_VERSION, type CloudauthSigning } from './api-types.js';
import { sortedQuery } from './percent-encode.js';
import { rpcV1Signature } from './rpc-v1.js';

export interface CloudauthCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS temporary credentials' token. */
  securityToken?: string | undefined;
}

/** `2023-10-26T10:22:32Z`: UTC to the second, as Alibaba's timestamps are. */
const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const EMPTY_BODY_HASH = acs3PayloadHash('');

/**
 * One `BankMetaVerify` POST to `endpoint`, signed: the business parameters in the query (as the
 * official SDK sends them) and an empty body. V3 signs them with the headers in `Authorization`;
 * V1 adds the common parameters and `Signature` to the query.
 */
export async function signedCall(
  endpoint: URL,
  params: BankMetaVerifyParams,
  credentials: CloudauthCredentials,
  signing: CloudauthSigning,
  atMs: number,
  ctx: CallContext,
): Promise<{ url: string; headers: Record<string, string> }> {
  const nonce = toHex(ctx.randomBytes(16));
  const query: Record<string, string> = { ...params };
  const headers: Record<string, string> = {
    accept: 'application/json',
    'x-acs-action': CLOUDAUTH_ACTION,
    'x-acs-version': CLOUDAUTH_VERSION,
  };
  if (signing === 'v1') {
    Object.assign(query, {
      AccessKeyId: credentials.accessKeyId,
      Action: CLOUDAUTH_ACTION,
      Format: 'JSON',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: nonce,
      SignatureVersion: '1.0',
      Timestamp: isoSeconds(atMs),
      Version: CLOUDAUTH_VERSION,
      ...(credentials.securityToken ? { SecurityToken: credentials.securityToken } : {}),
    });
    query.Signature = await rpcV1Signature(credentials.accessKeySecret, 'POST', query);
  } else {
    Object.assign(headers, {
      'x-acs-date': isoSeconds(atMs),
      'x-acs-signature-nonce': nonce,
      'x-acs-content-sha256': EMPTY_BODY_HASH,
      ...(credentials.securityToken
        ? { 'x-acs-accesskey-id': credentials.accessKeyId, 'x-acs-security-token': credentials.securityToken }
        : {}),
    });
    // Host is signed as fetch will send it (with a port that is not the scheme's default).
    headers.authorization = acs3Authorization({
      ...credentials,
      method: 'POST',
      path: '/',
      query,
      headers: { ...headers, host: endpoint.host },
      payloadHash: EMPTY_BODY_HASH,
    });
  }
  return { url: `${endpoint.origin}/?${sortedQuery(query, true)}`, headers };
}
