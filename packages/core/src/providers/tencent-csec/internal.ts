export type { CsecAction, CsecBankCardParams, CsecResponse } from './api-types.js';
export { CSEC_AUTH_CODES, CSEC_PLATFORM_CODES } from './codes.js';
export { CSEC_PATH, createTencentCsecProvider, type TencentCsecConfig } from './provider.js';
export { actionFor as csecActionFor, actionParams as csecActionParams } from './request.js';
export { CSEC_PROVIDER_ID, csecOutcome, parseCsecResponse } from './response.js';
export { type V2SignatureMethod, v2Signature, v2StringToSign } from './sign.js';
