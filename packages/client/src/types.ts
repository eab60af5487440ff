/** The API's shapes, named: all taken from the generated OpenAPI types. */
import type { components, paths } from './generated/api.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CreateSessionParams = Json<paths['/v1/sessions']['post']['requestBody']>;
export type Session = Json<paths['/v1/sessions']['post']['responses'][201]>;
export type Verification = Json<paths['/v1/verifications/{id}']['get']['responses'][200]>;
export type BindOrder = Json<paths['/v1/bind-cards/{orderNo}']['get']['responses'][200]>;
/** A webhook event with how its delivery went (`pending`, `delivered`, `dead`). */
export type WebhookEventDelivery = Json<paths['/v1/webhook-events/{eventId}']['get']['responses'][200]>;
export type Outcome = Verification['outcome'];
export type Operation = CreateSessionParams['operations'][number];
export type ErrorCode = components['schemas']['ErrorCode'];

export type WebhookEvent = components['schemas']['WebhookEvent'];
export type WebhookEventType = WebhookEvent['type'];
