export { type CardbindClient, type CardbindClientOptions, createCardbindClient } from './client.js';
export { CardbindApiError, type WebhookVerificationCode, WebhookVerificationError } from './errors.js';
export type {
  BankList,
  BindCardStarted,
  BindOrder,
  BindOrderListParams,
  BinInfo,
  CreateHostedSessionParams,
  CreateSessionParams,
  ErrorBody,
  ErrorCode,
  HostedSession,
  Operation,
  OperationsSummary,
  Outcome,
  Page,
  Session,
  Verification,
  VerificationListParams,
  VerificationResult,
  WebhookEvent,
  WebhookEventDelivery,
  WebhookEventType,
  WidgetRefusalCode,
  WidgetSession,
} from './types.js';
export { remoteJwks, verifyWebhook, WEBHOOK_JWS_TYPE } from './webhooks.js';
