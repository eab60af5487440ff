import { BIND_USER_TYPES } from '@cardbind/core/contract';
import * as z from 'zod';

/**
 * The HTTP API's shapes, each written once: what requests must be (validation) and what answers
 * are (the answer check), the OpenAPI document and every type of them (inferred here, generated
 * for the client, the widget and the operations page).
 */

/* Identifiers: each pattern once. */

/** A verification's id. */
export const verificationId = z.string().regex(/^ver_[0-9a-f]{32}$/);
/** A bind order's number. */
export const orderNumber = z.string().regex(/^BC[0-9A-Za-z]{10,40}$/);
/** A webhook event's id: stable per state change. */
export const eventId = z.string().regex(/^evt_[A-Za-z0-9_-]{1,120}$/);
/** A one-time redirect's ticket (24 random bytes, base64url). */
export const ticketId = z.string().regex(/^[A-Za-z0-9_-]{32}$/);
/** A hosted page's link (`hs_` and 32 random bytes, base64url): whoever has it may open it. */
export const hostedLinkId = z.string().regex(/^hs_[A-Za-z0-9_-]{43}$/);
/** A provider's id, as a notification's path names it. */
export const providerId = z.string().regex(/^[a-z0-9-]{1,40}$/);
/** 6 to 8 leading digits of a card. */
export const binPrefix = z.string().regex(/^[0-9]{6,8}$/);
/** An Idempotency-Key header: the same key and body get the stored answer. */
export const idempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{8,128}$/);

/** Path parameters. */
export const pathParams = {
  verification: z.object({ id: verificationId }),
  order: z.object({ orderNo: orderNumber }),
  event: z.object({ eventId }),
  ticket: z.object({ ticket: ticketId }),
  hosted: z.object({ id: hostedLinkId }),
  provider: z.object({ provider: providerId }),
  bin: z.object({ prefix: binPrefix }),
};

export const operation = z.enum(['verify2', 'verify3', 'verify4', 'bind']);

/** An http(s) URL without user name or password (no `blob:`, `javascript:`, `user:pass@`). */
export const webUrl = z
  .url({ protocol: /^https?$/ })
  .refine((value) => !/^[a-z]+:\/\/[^/?#]*@/i.test(value), { message: 'must not carry credentials' });

/** The merchant's user a card binds to. */
export const bindUser = z.strictObject({ userType: z.enum(BIND_USER_TYPES), identifyId: z.string().min(1).max(64) });

export const createSessionBody = z.strictObject({
  operations: z.array(operation).min(1),
  origin: webUrl,
  returnUrl: webUrl.optional(),
  user: bindUser.optional(),
});

const field = z.string().max(64);

/** The cardholder ticked the consent box naming the provider and purpose. */
const consent = z.literal(true);

/**
 * `kind` 2 is name and card only: an ID number or phone is refused, not quietly dropped (it is not
 * taken, so it must not be sent). 3 adds the resident ID, 4 the bank-registered mobile.
 */
export const verificationBody = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal(2), name: field, cardNumber: field, consent }),
  z.strictObject({
    kind: z.union([z.literal(3), z.literal(4)]),
    name: field,
    idNumber: field,
    cardNumber: field,
    phone: field.optional(),
    consent,
  }),
]);

export const bindCardBody = z.strictObject({
  bankCode: z.string().regex(/^[A-Z0-9]{2,20}$/),
  bankCardType: z.enum(['DEBIT', 'CREDIT']),
  name: field,
  idNumber: field,
  phone: field,
  consent: z.literal(true),
});

/* Answers (documented in the OpenAPI document; tests check real answers against them). */

const localized = z.object({ 'zh-CN': z.string(), en: z.string() });

export const outcomeSchema = z.object({
  status: z.enum(['verified', 'mismatch', 'card_rejected', 'invalid_input', 'unavailable', 'failed']),
  reason: z.string(),
  charged: z.union([z.boolean(), z.literal('unknown')]),
  retryable: z.boolean(),
  retryAfter: z.number().optional(),
  message: localized,
  provider: z
    .object({ id: z.string(), code: z.string(), message: z.string().optional(), requestId: z.string().optional() })
    .optional(),
});

export const sessionAnswer = z.object({ token: z.string(), expiresAt: z.number().int() });

/** What the widget's form learns of its own token as it loads (`GET /v1/session`). */
/** A name in both of the form's languages (a company the consent names). */
export const localizedName = z.strictObject({ 'zh-CN': z.string().min(1), en: z.string().min(1) });

export const widgetSessionAnswer = z.object({
  operations: z.array(operation),
  /** Seconds since the epoch. */
  expiresAt: z.number().int(),
  /**
   * Every company the session's verifications may send the data to (each provider routing may
   * use, failover included), for the consent to name; absent when one is not known.
   */
  recipients: z.array(localizedName).optional(),
});

export const verificationAnswer = z.object({
  id: verificationId,
  card: z.string(),
  outcome: outcomeSchema,
  cached: z.literal(true).optional(),
});

export const verificationRecord = z.object({
  id: verificationId,
  kind: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  card: z.string(),
  outcome: outcomeSchema,
  createdAt: z.iso.datetime(),
});

/** A list's query: a window of creation times (ISO 8601), a page size, and the last item of the page before. */
const listQuery = {
  createdFrom: z.iso.datetime({ offset: true }).optional(),
  createdTo: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
};

export const verificationListQuery = z.strictObject({ ...listQuery, startingAfter: verificationId.optional() });

export const verificationList = z.object({ data: z.array(verificationRecord), hasMore: z.boolean() });

export const binAnswer = z.object({
  bankCode: z.string(),
  bankName: localized,
  cardType: z.enum(['DEBIT', 'CREDIT', 'SEMI_CREDIT', 'PREPAID', 'UNKNOWN']),
  length: z.number().int(),
});

export const banksAnswer = z.object({ banks: z.array(z.object({ code: z.string(), name: localized })) });

export const bindCardCreated = z.object({
  orderNo: orderNumber,
  status: z.literal('PENDING'),
  redirectUrl: z.url(),
});

export const bindOrder = z.object({
  orderNo: orderNumber,
  status: z.enum(['CREATED', 'PENDING', 'SUCCESS', 'FAIL']),
  bindId: z.string().optional(),
  card: z.string().optional(),
  outcome: outcomeSchema.optional(),
  bankCode: z.string(),
  bankCardType: z.enum(['DEBIT', 'CREDIT']),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const bindOrderListQuery = z.strictObject({ ...listQuery, startingAfter: orderNumber.optional() });

export const bindOrderList = z.object({ data: z.array(bindOrder), hasMore: z.boolean() });

/** A webhook event: the payload of the compact JWS the BFF POSTs to the merchant. */
const eventBase = {
  /** Stable per state change: deduplicate on it. */
  id: eventId,
  merchant: z.string(),
  created: z.iso.datetime(),
};

export const webhookEvent = z.discriminatedUnion('type', [
  z.object({ ...eventBase, type: z.literal('verification.completed'), data: verificationAnswer }),
  z.object({ ...eventBase, type: z.literal('bind_card.succeeded'), data: bindOrder }),
  z.object({ ...eventBase, type: z.literal('bind_card.failed'), data: bindOrder }),
  // A hosted page's link expired with no verification answered and no bind order made through it.
  z.object({
    ...eventBase,
    type: z.literal('hosted_session.expired'),
    data: z.object({ id: hostedLinkId, expiresAt: z.number().int() }),
  }),
]);

/** A webhook event as the merchant API shows it: the payload and how its delivery went. */
export const webhookEventView = z.object({
  id: eventId,
  type: z.enum(['bind_card.succeeded', 'bind_card.failed', 'verification.completed', 'hosted_session.expired']),
  created: z.iso.datetime(),
  status: z.enum(['pending', 'delivered', 'dead']),
  /** Attempts in the current round (since queued, or since last resent). */
  attempts: z.number().int(),
  delivered: z.iso.datetime().optional(),
  /** How often it was resent. */
  resent: z.number().int().optional(),
  data: z.unknown(),
});

export const deadEventsAnswer = z.object({ events: z.array(webhookEventView) });
export const resentAnswer = z.object({ resent: z.array(z.string()) });

export const healthAnswer = z.object({ status: z.literal('ok') });

export const readinessAnswer = z.object({
  status: z.enum(['ready', 'unavailable']),
  checks: z.object({ config: z.literal('ok'), store: z.enum(['ok', 'unavailable', 'timeout']) }),
});

export const jwksAnswer = z.object({ keys: z.array(z.record(z.string(), z.unknown())) });

export const errorAnswer = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/** The operations page's figures (GET /v1/operations/summary): names and counts, masked orders. */
const spendRow = {
  calls: z.number().int(),
  paid: z.number().int(),
  /** Charged or not, the provider did not say (a timeout after sending). */
  chargeUnknown: z.number().int(),
  /** paid × the configured unit price; null without a price. */
  spend: z.number().nullable(),
};
export const operationsQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(30).default(7) });
export const operationsSummary = z.object({
  reader: z.object({ operator: z.boolean(), merchant: z.string().optional() }),
  generatedAt: z.iso.datetime(),
  /** Days are China Standard Time days. */
  timeZone: z.literal('+08:00'),
  currency: z.string(),
  /** Oldest first, today last. */
  days: z.array(z.iso.date()),
  /** For the operator, or a merchant the BFF serves alone. */
  providers: z
    .array(
      z.object({
        id: z.string(),
        circuitOpen: z.boolean(),
        unitPrice: z.number().nullable(),
        ...spendRow,
        outcomes: z.record(z.string(), z.number().int()),
        failovers: z.number().int(),
        skipped: z.record(z.string(), z.number().int()),
        latencyMs: z.object({ p50: z.number().nullable(), p95: z.number().nullable(), p99: z.number().nullable() }),
        daily: z.array(z.object({ day: z.iso.date(), ...spendRow })),
      }),
    )
    .optional(),
  webhooks: z.object({
    backlog: z.number().int().optional(),
    today: z.object({ delivered: z.number().int(), failed: z.number().int(), dead: z.number().int() }).optional(),
    dead: z.array(webhookEventView.omit({ data: true }).extend({ merchant: z.string() })),
  }),
  orders: z.array(bindOrder.extend({ merchant: z.string(), provider: z.string() })),
});

export type CreateSessionBody = z.output<typeof createSessionBody>;
export type VerificationBody = z.output<typeof verificationBody>;
export type VerificationAnswerBody = z.output<typeof verificationAnswer>;
export type BindCardBody = z.output<typeof bindCardBody>;
export type BindCardCreatedBody = z.output<typeof bindCardCreated>;
export type ErrorBody = z.output<typeof errorAnswer>;
/** A list's query (both lists take the same, each with its own `startingAfter`). */
export type ListQuery = z.output<typeof verificationListQuery> | z.output<typeof bindOrderListQuery>;
export type OperationsSummary = z.output<typeof operationsSummary>;
