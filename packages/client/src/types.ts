/** The API's shapes, named: all taken from the generated OpenAPI types. */
import type { components, paths } from './generated/api.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;

export type CreateSessionParams = Json<paths['/v1/sessions']['post']['requestBody']>;
export type Session = Json<paths['/v1/sessions']['post']['responses'][201]>;
export type CreateHostedSessionParams = Json<paths['/v1/hosted-sessions']['post']['requestBody']>;
export type HostedSession = Json<paths['/v1/hosted-sessions']['post']['responses'][201]>;
export type Verification = Json<paths['/v1/verifications/{id}']['get']['responses'][200]>;
export type BindOrder = Json<paths['/v1/bind-cards/{orderNo}']['get']['responses'][200]>;
/** A list's window and page: `createdFrom`, `createdTo` (ISO 8601), `limit` (25, up to 100), `startingAfter`. */
export type VerificationListParams = NonNullable<paths['/v1/verifications']['get']['parameters']['query']>;
export type BindOrderListParams = NonNullable<paths['/v1/bind-cards']['get']['parameters']['query']>;
/** One page of a list, oldest first; `hasMore` when the window holds more (pass the last item as `startingAfter`). */
export interface Page<T> {
  data: T[];
  hasMore: boolean;
}
/** A webhook event with how its delivery went (`pending`, `delivered`, `dead`). */
export type WebhookEventDelivery = Json<paths['/v1/webhook-events/{eventId}']['get']['responses'][200]>;
export type Outcome = Verification['outcome'];
export type Operation = CreateSessionParams['operations'][number];
export type ErrorCode = components['schemas']['ErrorCode'];

export type WebhookEvent = components['schemas']['WebhookEvent'];
export type WebhookEventType = WebhookEvent['type'];
/** Every refusal's body: `{ error: { code, message, details? } }` (a wait is the Retry-After header). */
export type ErrorBody = components['schemas']['Error'];

// The browser's and the operator's calls, for those who build their own page (the widget and the
// operations page take these types too).
/** What `POST /v1/verifications` answers (200): the record, card masked. */
export type VerificationResult = Json<paths['/v1/verifications']['post']['responses'][200]>;
/** What `POST /v1/bind-cards` answers when the bank's page is next (201). */
export type BindCardStarted = Json<paths['/v1/bind-cards']['post']['responses'][201]>;
/** What `GET /v1/bins/{prefix}` answers: the card's bank and type. */
export type BinInfo = Json<paths['/v1/bins/{prefix}']['get']['responses'][200]>;
/** What `GET /v1/session` answers the widget: its token's operations and expiry. */
export type WidgetSession = Json<paths['/v1/session']['get']['responses'][200]>;
/** What `GET /v1/banks` answers: the banks a bind can go to. */
export type BankList = Json<paths['/v1/banks']['get']['responses'][200]>;
/** What `GET /v1/operations/summary` answers. */
export type OperationsSummary = Json<paths['/v1/operations/summary']['get']['responses'][200]>;

/** The codes one operation's refusals can carry, from each status's answer in the document. */
type RefusalCodes<Op> = Op extends { responses: infer R }
  ? { [S in keyof R]: Json<R[S]> extends { error: { code: string } } ? Json<R[S]>['error']['code'] : never }[keyof R] &
      ErrorCode
  : never;
/**
 * Every refusal the widget's own calls can meet (verify, bind, an order's read, the session check,
 * the BIN lookup, the bank list): what its form must be able to say in the cardholder's language.
 */
export type WidgetRefusalCode =
  | RefusalCodes<paths['/v1/verifications']['post']>
  | RefusalCodes<paths['/v1/bind-cards']['post']>
  | RefusalCodes<paths['/v1/bind-cards/{orderNo}']['get']>
  | RefusalCodes<paths['/v1/session']['get']>
  | RefusalCodes<paths['/v1/bins/{prefix}']['get']>
  | RefusalCodes<paths['/v1/banks']['get']>;
