export * from './acs3.js';
export * from './api-types.js';
export { BUSINESS_CODES, type CodeEntry, GATEWAY_CODES, gatewayCode, SUB_CODES } from './codes.js';
export { acsEncode, sortedQuery } from './percent-encode.js';
export { bankMetaVerifyParams, md5Parts } from './request.js';
export {
  CLOUDAUTH_PROVIDER_ID,
  cloudauthOutcome,
  type ParsedCloudauthAnswer,
  parseCloudauthResponse,
} from './response.js';
export { rpcV1Signature } from './rpc-v1.js';
export { type CloudauthCredentials, signedCall } from './signed-call.js';
