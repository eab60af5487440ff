export { type CardbindClient, type CardbindClientOptions, createCardbindClient } from './client.js';
export { CardbindApiError, type WebhookVerificationCode, WebhookVerificationError } from './errors.js';
export type {
  BindOrder,
  CreateSessionParams,
  ErrorCode,
  Operation,
  Outcome,
  Session,
  Verification,
  WebhookEvent,
  WebhookEventDelivery,
  WebhookEventType,
} from './types.js';
export { remoteJwks, verifyWebhook, WEBHOOK_JWS_TYPE } from './webhooks.js';
