export { type CardbindClient, type CardbindClientOptions, createCardbindClient } from './client.js';
export { CardbindApiError, type WebhookVerificationCode, WebhookVerificationError } from './errors.js';
export type {
  BindOrder,
  BindOrderListParams,
  CreateSessionParams,
  ErrorCode,
  Operation,
  Outcome,
  Page,
  Session,
  Verification,
  VerificationListParams,
  WebhookEvent,
  WebhookEventDelivery,
  WebhookEventType,
} from './types.js';
export { remoteJwks, verifyWebhook, WEBHOOK_JWS_TYPE } from './webhooks.js';
