export { type CallContextOptions, createCallContext, DEFAULT_TIMEOUT_MS, type OwnedCallContext } from './context.js';
export { type LogFields, type Logger, type LogValue, silentLogger } from './logger.js';
export {
  BodyReadError,
  fetchTransport,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './transport.js';
export {
  type BindCardRequest,
  type BindCertType,
  type BindCreateResult,
  type BindNotification,
  type BindResult,
  type BindStatus,
  type BindUserType,
  type CallContext,
  type Capability,
  type FormDescriptor,
  type IdElementRequest,
  type NotificationReply,
  type Provider,
  type ProviderWith,
  supports,
  type TwoElementRequest,
  type VerifyRequest,
  verifyCapability,
} from './types.js';
