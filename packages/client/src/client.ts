import createFetchClient from 'openapi-fetch';
import { CardbindApiError } from './errors.js';
import type { paths } from './generated/api.js';
import type {
  BindOrder,
  BindOrderListParams,
  CreateHostedSessionParams,
  CreateSessionParams,
  HostedSession,
  Page,
  Session,
  Verification,
  VerificationListParams,
  WebhookEvent,
  WebhookEventDelivery,
} from './types.js';
import { remoteJwks, verifyWebhook } from './webhooks.js';

export interface CardbindClientOptions {
  /** The BFF's base URL, e.g. `https://cardbind.example.com` (`cardbind dev` prints it). */
  baseUrl: string;
  /** The merchant's secret API key. Server side only: it never belongs in a browser. */
  apiKey: string;
  /** A fetch to use instead of the global one (a proxy, a test double, a keep-alive agent). */
  fetch?: typeof fetch;
}

export interface CardbindClient {
  sessions: {
    /** A short-lived widget token for one checkout: hand `token` to the page, never the API key. */
    create(params: CreateSessionParams): Promise<Session>;
  };
  hostedSessions: {
    /**
     * A hosted page for an app, a mini program or a browser: open `url` (single use, until
     * `expiresAt`); the person comes back to `returnUrl` with `cardbind_verification` or
     * `cardbind_order` (confirm it with `retrieve`), or `cardbind_cancel`.
     */
    create(params: CreateHostedSessionParams): Promise<HostedSession>;
  };
  verifications: {
    /** Confirm a verification server-side: what the browser reports (`onSuccess`) is only a hint. */
    retrieve(id: string): Promise<Verification>;
    /** One page of your verifications created in a window (the last day by default), oldest first. */
    list(params?: VerificationListParams): Promise<Page<Verification>>;
    /** Every verification in the window, page after page (`for await … of`). */
    listAll(params?: Omit<VerificationListParams, 'startingAfter'>): AsyncIterable<Verification>;
  };
  bindCards: {
    /** A bind order; a stale pending one is reconciled with the provider first. */
    retrieve(orderNo: string): Promise<BindOrder>;
    /** One page of your bind orders created in a window (the last day by default), oldest first. */
    list(params?: BindOrderListParams): Promise<Page<BindOrder>>;
    /** Every bind order in the window, page after page (`for await … of`). */
    listAll(params?: Omit<BindOrderListParams, 'startingAfter'>): AsyncIterable<BindOrder>;
  };
  webhooks: {
    /** Verifies the raw body of a webhook POST against the BFF's JWKS (fetched once and cached). */
    verify(body: string | Uint8Array): Promise<WebhookEvent>;
  };
  webhookEvents: {
    /** One event you were sent: its payload, status and attempts. */
    retrieve(eventId: string): Promise<WebhookEventDelivery>;
    /** The events given up on after every attempt failed, the earliest first (up to 100). */
    listDead(): Promise<WebhookEventDelivery[]>;
    /** Sends a dead or delivered event again (a fresh round of attempts, same id). */
    resend(eventId: string): Promise<WebhookEventDelivery>;
    /** Sends every dead event again; answers their ids. */
    resendDead(): Promise<string[]>;
  };
}

type ErrorBody = { error?: { code?: unknown; message?: unknown; details?: unknown } };

/** Throws the API's error as a `CardbindApiError`; returns the data of a success. */
function unwrap<T>(answer: { data?: T; error?: unknown; response: Response }): T {
  const { response } = answer;
  if (response.ok && answer.data !== undefined) return answer.data;
  const error = (answer.error as ErrorBody | undefined)?.error;
  const retryAfter = Number(response.headers.get('retry-after'));
  if (typeof error?.code === 'string' && typeof error.message === 'string') {
    throw new CardbindApiError(response.status, error.code, error.message, {
      details:
        typeof error.details === 'object' && error.details !== null
          ? (error.details as Record<string, unknown>)
          : undefined,
      retryAfter: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
    });
  }
  throw new CardbindApiError(
    response.status,
    'UNEXPECTED_RESPONSE',
    `The BFF answered ${response.status} without a cardbind error body.`,
  );
}

/** Pages through a list: each next page starts after the last item of the one before. */
async function* everyPage<T, P extends { startingAfter?: string }>(
  page: (params: P) => Promise<Page<T>>,
  params: P,
  cursor: (item: T) => string,
): AsyncGenerator<T> {
  let next = params;
  for (;;) {
    const { data, hasMore } = await page(next);
    yield* data;
    const last = data.at(-1);
    if (!hasMore || last === undefined) return;
    next = { ...params, startingAfter: cursor(last) };
  }
}

/**
 * The merchant server's client of the BFF, on `fetch` (Node ≥ 20, Deno, Bun,
 * Workers). Its request and answer types are generated from the BFF's OpenAPI
 * document.
 */
export function createCardbindClient(options: CardbindClientOptions): CardbindClient {
  if (!options.apiKey) throw new TypeError('createCardbindClient: apiKey is required.');
  const baseUrl = new URL(options.baseUrl).origin;
  const api = createFetchClient<paths>({
    baseUrl,
    headers: { authorization: `Bearer ${options.apiKey}` },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const jwks = remoteJwks(baseUrl, options.fetch);
  const listVerifications = async (query: VerificationListParams = {}) =>
    unwrap(await api.GET('/v1/verifications', { params: { query } }));
  const listBindOrders = async (query: BindOrderListParams = {}) =>
    unwrap(await api.GET('/v1/bind-cards', { params: { query } }));
  return {
    sessions: {
      create: async (params) => unwrap(await api.POST('/v1/sessions', { body: params })),
    },
    hostedSessions: {
      create: async (params) => unwrap(await api.POST('/v1/hosted-sessions', { body: params })),
    },
    verifications: {
      retrieve: async (id) => unwrap(await api.GET('/v1/verifications/{id}', { params: { path: { id } } })),
      list: listVerifications,
      listAll: (params = {}) => everyPage(listVerifications, params as VerificationListParams, (v) => v.id),
    },
    bindCards: {
      retrieve: async (orderNo) => unwrap(await api.GET('/v1/bind-cards/{orderNo}', { params: { path: { orderNo } } })),
      list: listBindOrders,
      listAll: (params = {}) => everyPage(listBindOrders, params as BindOrderListParams, (o) => o.orderNo),
    },
    webhooks: {
      verify: (body) => verifyWebhook(body, jwks),
    },
    webhookEvents: {
      retrieve: async (eventId) =>
        unwrap(await api.GET('/v1/webhook-events/{eventId}', { params: { path: { eventId } } })),
      listDead: async () => unwrap(await api.GET('/v1/webhook-events/dead')).events,
      resend: async (eventId) =>
        unwrap(await api.POST('/v1/webhook-events/{eventId}/resend', { params: { path: { eventId } } })),
      resendDead: async () => unwrap(await api.POST('/v1/webhook-events/dead/resend')).resent,
    },
  };
}
