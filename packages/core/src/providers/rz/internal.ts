export type { RzSignType, RzStatus, RzVerifyRequest, RzVerifyResponse } from './api-types.js';
export { RZ_CODES } from './codes.js';
export { createRzProvider, type RzConfig } from './provider.js';
export { buildRzRequest, RZ_THREE_ELEMENT } from './request.js';
export { parseRzResponse, RZ_PROVIDER_ID, rzOutcome } from './response.js';
export { rzSign, rzVerify } from './sign.js';
