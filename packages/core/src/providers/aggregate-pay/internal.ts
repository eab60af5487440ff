export {
  type AggSignType,
  type BindCardCreatePlain,
  type BindCardCreateResultPlain,
  type BindStatusPlain,
  CREATE_PATH,
  type Envelope,
  QUERY_PATH,
  type Wrapper,
} from './api-types.js';
export { AGG_DECLINED, AGG_ERR_CODES, AGG_WRAPPER_CODES } from './codes.js';
export { isEnvelope, openEnvelope, sealEnvelope } from './envelope.js';
export { formDescriptor, type SubmitUrlPolicy } from './form.js';
export { type AggregatePayConfig, createAggregatePayProvider, MAX_NOTIFICATION_PLAINTEXT } from './provider.js';
export { buildCreatePlain, LIMITS } from './request.js';
export { AGG_PROVIDER_ID, openSigned, readWrapper } from './response.js';
export { type AggSigner, type AggSignerConfig, createAggSigner } from './sign.js';
