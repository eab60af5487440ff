import * as z from 'zod';
import { API_ERRORS, type ApiErrorCode } from './errors.js';
import { READINESS_DEADLINE_MS } from './routes/health.js';
import {
  banksAnswer,
  binAnswer,
  bindCardBody,
  bindCardCreated,
  bindOrder,
  bindOrderList,
  bindOrderListQuery,
  createSessionBody,
  deadEventsAnswer,
  errorAnswer,
  healthAnswer,
  jwksAnswer,
  operationsQuery,
  operationsSummary,
  readinessAnswer,
  resentAnswer,
  sessionAnswer,
  verificationAnswer,
  verificationBody,
  verificationList,
  verificationListQuery,
  verificationRecord,
  webhookEvent,
  webhookEventView,
} from './schemas.js';

type Auth = 'apiKey' | 'operatorKey' | 'widgetToken' | 'none';

interface Operation {
  method: 'get' | 'post';
  path: string;
  summary: string;
  auth: Auth[];
  body?: z.ZodType;
  /** The query parameters, a zod object of optional strings. */
  query?: z.ZodObject;
  headers?: Record<string, string>;
  ok: { status: number; schema?: z.ZodType; description: string; contentType?: string };
  errors: ApiErrorCode[];
  /** An answer that is not an error but not `ok` either (a readiness probe's 503). */
  also?: { status: number; schema: z.ZodType; description: string };
}

const input = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
const output = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });

const COMMON: ApiErrorCode[] = ['RATE_LIMITED', 'STORE_UNAVAILABLE', 'INTERNAL'];
const BODY: ApiErrorCode[] = [
  'BAD_JSON',
  'BODY_INCOMPLETE',
  'INVALID_REQUEST',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];
const API_KEY: ApiErrorCode[] = ['UNAUTHENTICATED', 'AUTH_RATE_LIMITED'];
const WIDGET: ApiErrorCode[] = ['UNAUTHENTICATED', 'TOKEN_EXPIRED', 'ORIGIN_NOT_ALLOWED', 'OPERATION_NOT_ALLOWED'];

/** What each path parameter must look like (the routes answer anything else with their 4xx). */
const PATH_PATTERNS: Record<string, string> = {
  prefix: '^[0-9]{6,8}$',
  id: '^ver_[0-9a-f]{32}$',
  orderNo: '^BC[0-9A-Za-z]{10,40}$',
  ticket: '^[A-Za-z0-9_-]{32}$',
  provider: '^[a-z0-9-]{1,40}$',
  eventId: '^evt_[A-Za-z0-9_]{1,120}$',
};

/** A static file the BFF serves to browsers. */
function asset(path: string, summary: string, contentType: string): Operation {
  return {
    method: 'get',
    path,
    summary,
    auth: ['none'],
    ok: { status: 200, description: summary, contentType },
    errors: [],
  };
}

/** Every route of the app: the OpenAPI document and the route-coverage test read this list. */
export const OPERATIONS: Operation[] = [
  {
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process answers (no store call).',
    auth: ['none'],
    ok: { status: 200, schema: healthAnswer, description: '`{"status": "ok"}`.' },
    errors: [],
  },
  {
    method: 'get',
    path: '/readyz',
    summary: `Readiness: the configuration is loaded and the store answers within ${READINESS_DEADLINE_MS / 1000} s.`,
    auth: ['none'],
    ok: { status: 200, schema: readinessAnswer, description: 'Ready: send traffic here.' },
    errors: [],
    also: {
      status: 503,
      schema: readinessAnswer,
      description: 'Not ready: `checks.store` is `unavailable` or `timeout`. Retry-After: 1.',
    },
  },
  {
    method: 'post',
    path: '/v1/sessions',
    summary: 'Create a widget session (server to server).',
    auth: ['apiKey'],
    body: createSessionBody,
    ok: { status: 201, schema: sessionAnswer, description: 'A short-lived ES256 widget token.' },
    errors: [...BODY, ...API_KEY, 'ORIGIN_NOT_ALLOWED'],
  },
  {
    method: 'get',
    path: '/.well-known/jwks.json',
    summary: 'Public keys for widget tokens and webhook signatures.',
    auth: ['none'],
    ok: { status: 200, schema: jwksAnswer, description: 'The JWKS; retired keys stay until they expire.' },
    errors: [],
  },
  {
    method: 'post',
    path: '/v1/verifications',
    summary: 'Verify 2, 3 or 4 elements (name and card; + resident ID; + mobile).',
    auth: ['widgetToken'],
    body: verificationBody,
    headers: { 'Idempotency-Key': '8–128 of [A-Za-z0-9_-]; the same key and body get the stored answer.' },
    ok: { status: 200, schema: verificationAnswer, description: 'The normalized outcome.' },
    errors: [
      ...BODY,
      ...WIDGET,
      'INVALID_INPUT',
      'IDEMPOTENCY_KEY_REQUIRED',
      'IDEMPOTENCY_KEY_INVALID',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_IN_PROGRESS',
      'SESSION_ATTEMPTS_EXCEEDED',
      'CARD_DAILY_LIMIT',
      'ID_DAILY_LIMIT',
      'NO_PROVIDER',
    ],
  },
  {
    method: 'get',
    path: '/v1/verifications/{id}',
    summary: "A verification, read back by the merchant's server (confirm what the browser reported).",
    auth: ['apiKey'],
    ok: { status: 200, schema: verificationRecord, description: 'The verification: masked card and outcome.' },
    errors: [...API_KEY, 'VERIFICATION_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/bins/{prefix}',
    summary: 'Bank and card type for 6–8 leading card digits.',
    auth: ['widgetToken'],
    ok: { status: 200, schema: binAnswer, description: 'The issuing bank.' },
    errors: [...WIDGET, 'INVALID_REQUEST', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/verifications',
    summary:
      'Your verifications created in a window (createdFrom, createdTo: ISO 8601; the last day by default), oldest first, a page of `limit` (25, up to 100); the next page: startingAfter = the last id.',
    auth: ['apiKey'],
    query: verificationListQuery,
    ok: { status: 200, schema: verificationList, description: 'A page of records (masked card).' },
    errors: [...API_KEY, 'INVALID_REQUEST', 'VERIFICATION_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/bind-cards',
    summary:
      'Your bind orders created in a window (createdFrom, createdTo: ISO 8601; the last day by default), oldest first, a page of `limit` (25, up to 100); the next page: startingAfter = the last orderNo.',
    auth: ['apiKey'],
    query: bindOrderListQuery,
    ok: { status: 200, schema: bindOrderList, description: 'A page of orders (masked).' },
    errors: [...API_KEY, 'INVALID_REQUEST', 'ORDER_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/v1/banks',
    summary: "Every bank with its names in both languages, the common ones first (the bind form's picker).",
    auth: ['widgetToken'],
    ok: { status: 200, schema: banksAnswer, description: 'The banks.' },
    errors: [...WIDGET],
  },
  {
    method: 'post',
    path: '/v1/bind-cards',
    summary: "Create a bind order; answers the one-time URL of the bank's page.",
    auth: ['widgetToken'],
    body: bindCardBody,
    ok: { status: 201, schema: bindCardCreated, description: 'Navigate the top window to redirectUrl.' },
    errors: [...BODY, ...WIDGET, 'TOKEN_USED', 'INVALID_INPUT', 'BIND_IN_PROGRESS', 'BIND_PAGE_LOST', 'NO_PROVIDER'],
  },
  {
    method: 'get',
    path: '/v1/bind-cards/{orderNo}',
    summary: 'A bind order (merchant back end or widget); a stale pending one is reconciled.',
    auth: ['apiKey', 'widgetToken'],
    ok: { status: 200, schema: bindOrder, description: 'The order.' },
    errors: [...WIDGET, ...API_KEY, 'ORDER_NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/r/{ticket}',
    summary:
      'The bank redirect: a page that POSTs the ticket (GET and HEAD never spend it, so link previews cannot). The browser that spent it is shown the way back.',
    auth: ['none'],
    ok: { status: 200, description: 'HTML.', contentType: 'text/html' },
    errors: ['TICKET_USED'],
  },
  {
    method: 'post',
    path: '/r/{ticket}',
    summary: "Spends the one-time ticket: a page that submits the provider's form (strict CSP, no-script fallback).",
    auth: ['none'],
    ok: { status: 200, description: 'HTML.', contentType: 'text/html' },
    errors: ['TICKET_USED'],
  },
  {
    method: 'post',
    path: '/v1/notify/{provider}',
    summary: "The provider's signed notification; answered in the provider's own form.",
    auth: ['none'],
    ok: { status: 200, description: "The provider's acknowledgement (e.g. OK).", contentType: 'text/plain' },
    errors: ['NOT_FOUND', 'NOTIFY_REJECTED', 'NOTIFY_BUSY', 'ORDER_NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'BODY_INCOMPLETE'],
  },
  {
    method: 'get',
    path: '/v1/return/{orderNo}',
    summary: "The bank page's return: 303 to the merchant's return URL with cardbind_order.",
    auth: ['none'],
    ok: { status: 303, description: 'Redirect.' },
    errors: ['ORDER_NOT_FOUND'],
  },
  asset('/widget/frame', "The widget's iframe page (strict CSP; framed only by merchants' origins).", 'text/html'),
  asset('/widget/frame.js', 'The frame app (Preact).', 'text/javascript'),
  asset('/widget/frame.css', "The frame's styles.", 'text/css'),
  asset(
    '/widget/cardbind.js',
    'The loader as a classic script (window.Cardbind, <cardbind-widget>).',
    'text/javascript',
  ),
  asset(
    '/widget/inline.js',
    'Inline mode: the form as an ES module rendered into a shadow root (loaded by the loader).',
    'text/javascript',
  ),
  {
    method: 'get',
    path: '/v1/webhook-events/dead',
    summary: 'Your webhook events given up on (after every attempt failed), the earliest first, up to 100.',
    auth: ['apiKey'],
    ok: { status: 200, schema: deadEventsAnswer, description: 'The dead events with their payloads.' },
    errors: [...API_KEY],
  },
  {
    method: 'post',
    path: '/v1/webhook-events/dead/resend',
    summary: 'Resend every dead event (up to 100): each gets a fresh round of attempts, same id.',
    auth: ['apiKey'],
    ok: { status: 202, schema: resentAnswer, description: 'The ids queued again.' },
    errors: [...API_KEY],
  },
  {
    method: 'get',
    path: '/v1/webhook-events/{eventId}',
    summary: 'One webhook event: payload, status (pending, delivered, dead), attempts.',
    auth: ['apiKey'],
    ok: { status: 200, schema: webhookEventView, description: 'The event.' },
    errors: [...API_KEY, 'WEBHOOK_EVENT_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/v1/webhook-events/{eventId}/resend',
    summary: 'Send a dead or delivered event again (a fresh round of attempts, same id).',
    auth: ['apiKey'],
    ok: { status: 202, schema: webhookEventView, description: 'Queued again: status pending.' },
    errors: [...API_KEY, 'WEBHOOK_EVENT_NOT_FOUND', 'WEBHOOK_EVENT_PENDING'],
  },
  asset('/ops', 'The operations page (strict CSP, framed by nobody); it asks for a key.', 'text/html'),
  asset('/ops/ops.js', 'The operations page app (Preact).', 'text/javascript'),
  asset('/ops/ops.css', "The operations page's styles.", 'text/css'),
  {
    method: 'get',
    path: '/v1/operations/summary',
    summary:
      "The operations page's figures for the last `days` days: providers (breaker, calls, paid calls, spend, outcomes, latency), webhooks, recent bind orders. A merchant key sees its own webhooks and orders, and the providers only when the BFF serves it alone.",
    auth: ['operatorKey', 'apiKey'],
    query: operationsQuery,
    ok: { status: 200, schema: operationsSummary, description: 'The figures.' },
    errors: [...API_KEY, 'INVALID_REQUEST'],
  },
  {
    method: 'post',
    path: '/v1/operations/webhook-events/dead/resend',
    summary: "Resend the dead events of every merchant (operator key) or of the key's merchant.",
    auth: ['operatorKey', 'apiKey'],
    ok: { status: 202, schema: resentAnswer, description: 'The ids queued again.' },
    errors: [...API_KEY],
  },
  {
    method: 'post',
    path: '/v1/operations/webhook-events/{eventId}/resend',
    summary: "Send a dead or delivered event again, any merchant's (operator key) or the key's merchant's own.",
    auth: ['operatorKey', 'apiKey'],
    ok: { status: 202, schema: webhookEventView.omit({ data: true }), description: 'Queued again: status pending.' },
    errors: [...API_KEY, 'WEBHOOK_EVENT_NOT_FOUND', 'WEBHOOK_EVENT_PENDING'],
  },
  {
    method: 'get',
    path: '/openapi.json',
    summary: 'This document.',
    auth: ['none'],
    ok: { status: 200, description: 'OpenAPI 3.1.' },
    errors: [],
  },
];

function errorResponses(codes: ApiErrorCode[]) {
  const byStatus = new Map<number, ApiErrorCode[]>();
  for (const code of new Set([...codes, ...COMMON])) {
    const status = API_ERRORS[code][0];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\`: ${API_ERRORS[code][1]}`).join(' '),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Error' },
                { properties: { error: { properties: { code: { enum: list } } } } },
              ],
            },
          },
        },
      },
    ]),
  );
}

/** The OpenAPI 3.1 document, generated from the zod schemas that validate requests. */
export function openApiDocument(serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of OPERATIONS) {
    const parameters = [
      ...[...op.path.matchAll(/\{(\w+)\}/g)].map((m) => ({
        name: m[1],
        in: 'path',
        required: true,
        schema: { type: 'string', ...(PATH_PATTERNS[m[1] ?? ''] ? { pattern: PATH_PATTERNS[m[1] ?? ''] } : {}) },
      })),
      ...Object.entries(op.query ? (input(op.query).properties ?? {}) : {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema,
      })),
      ...Object.entries(op.headers ?? {}).map(([name, description]) => ({
        name,
        in: 'header',
        required: true,
        description,
        schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{8,128}$' },
      })),
    ];
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        ...(parameters.length ? { parameters } : {}),
        security: op.auth.includes('none') ? [] : op.auth.map((a) => ({ [a]: [] })),
        ...(op.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: input(op.body) } } } }
          : {}),
        responses: {
          [String(op.ok.status)]: {
            description: op.ok.description,
            ...(op.ok.schema
              ? { content: { [op.ok.contentType ?? 'application/json']: { schema: output(op.ok.schema) } } }
              : {}),
          },
          ...errorResponses(op.errors),
          ...(op.also
            ? {
                [String(op.also.status)]: {
                  description: op.also.description,
                  content: { 'application/json': { schema: output(op.also.schema) } },
                },
              }
            : {}),
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'cardbind BFF',
      version: '0.1.0',
      description:
        'Bank-card verification and binding. Errors are `{error: {code, message}}` with the stable codes listed per response.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: "The merchant's secret API key (server to server)." },
        widgetToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A widget token (ES256).' },
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The operator key (operatorKeySha256): the instance's figures, every merchant's webhooks and orders.",
        },
      },
      schemas: {
        Error: output(errorAnswer),
        ErrorCode: { enum: Object.keys(API_ERRORS) },
        WebhookEvent: {
          ...output(webhookEvent),
          description: 'The payload of a webhook: a compact JWS (typ cardbind-event+jws) signed with the JWKS keys.',
        },
      },
    },
    paths,
  };
}
