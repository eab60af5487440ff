import { toBase64Url } from '@cardbind/core/crypto';
import { type Outcome, outcomeFromError } from '@cardbind/core/outcome';
import { maskIdNumber, maskName, maskPhone, notPii } from '@cardbind/core/pii';
import type {
  BindCardRequest,
  BindCertType,
  BindCreateResult,
  BindNotification,
  BindResult,
  BindUserType,
  FormDescriptor,
  Provider,
} from '@cardbind/core/provider';
import { documentOf, validateMobile, validateName, validateResidentId } from '@cardbind/core/validation';
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { runInBackground } from '../background.js';
import { jsonBody } from '../body.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import { requireMerchant, requireMerchantOrWidget, requireWidget } from '../middleware/auth.js';
import { createdWindow, listPage, queryParams } from '../query.js';
import { bindCardBody, bindOrderListQuery } from '../schemas.js';
import { IdempotencyConflict, LEASE_MARGIN_MS, type StoredAnswer } from '../services/idempotency.js';
import { announceBindResult, type BindOrder, orderView, withBindResult } from '../services/orders.js';
import type { CallSummary } from '../telemetry/telemetry.js';
import { alreadySentPage, redirectPage, ticketPage } from './redirect-page.js';

const TICKET_TTL_MS = 10 * 60_000;
/** How long the browser that spent a ticket can open it again and be shown the way back. */
const SPENT_TTL_MS = 30 * 60_000;
const TICKET_COOKIE = 'cardbind_ticket';
const ORDER_NO = /^BC[0-9A-Za-z]{10,40}$/;

/** Bind orders: create → /r/<ticket> → bank → notify → return; status reads with reconciliation. */
export function bindCardRoutes(app: Hono, deps: Deps): void {
  app.post('/v1/bind-cards', async (c) => {
    const body = await jsonBody(c, bindCardBody);
    const claims = await requireWidget(c, deps, 'bind');
    if (!claims.user || !claims.returnUrl) throw new ApiError('OPERATION_NOT_ALLOWED');
    const id = validateResidentId(body.idNumber, { today: new Date(deps.now()) });
    // The name's rules follow the document: Latin for a foreigner's permanent residence ID.
    const name = validateName(body.name, { document: documentOf(id, body.idNumber) });
    const phone = validateMobile(body.phone);
    if (!name.valid || !id.valid || !phone.valid) {
      const fields = Object.fromEntries(
        Object.entries({ name, idNumber: id, phone })
          .filter(([, r]) => !r.valid)
          .map(([f, r]) => [f, r.errors]),
      );
      throw new ApiError('INVALID_INPUT', { details: { fields } });
    }
    const provider = deps.router.candidates('bindCard')[0];
    if (!provider?.createBind) throw new ApiError('NO_PROVIDER');

    const now = deps.now();
    const orderNo = `BC${now.toString(36)}${toBase64Url(crypto.getRandomValues(new Uint8Array(9))).replace(/[-_]/g, 'x')}`;
    const pending: PendingBind = { orderNo, ticket: toBase64Url(crypto.getRandomValues(new Uint8Array(24))) };
    const fingerprint = deps.fingerprints.fingerprint(
      'bind',
      `${body.bankCode}|${body.bankCardType}|${name.value}|${id.value}|${phone.value}`,
    );
    const user = claims.user;
    const returnUrl = claims.returnUrl;
    // One bind order per token: the token's key is claimed before the order exists, and answers
    // every later request with that token (the same body: the same order; another: TOKEN_USED).
    const answer = await deps.idempotency
      .run({
        key: `token-used:bind:${claims.jti}`,
        ttlMs: deps.config.tokenTtlSeconds * 1000,
        fingerprint,
        leaseMs: createLeaseMs(deps),
        pending,
        inDoubt: (left) => resumeCreate(c, deps, left),
        work: async (steps) => {
          const order: BindOrder = {
            orderNo,
            merchant: claims.sub,
            providerId: provider.id,
            status: 'CREATED',
            masked: { name: maskName(name.value), idNumber: maskIdNumber(id.value), phone: maskPhone(phone.value) },
            bankCode: body.bankCode,
            bankCardType: body.bankCardType,
            returnUrl,
            user: await userRef(deps, user),
            createdAt: now,
            updatedAt: now,
          };
          // Persisted before the provider is called: a crash leaves an order to reconcile, never a lost one.
          await deps.orders.create(order);
          steps.foreignCall();
          const created = await createAtProvider(deps, provider, {
            orderNo,
            userType: user.userType as BindUserType,
            identifyId: user.identifyId,
            bankCardType: body.bankCardType,
            bankCode: body.bankCode,
            name: name.value,
            certType: 'ID' as BindCertType,
            certNo: id.value,
            mobile: phone.value,
            expiresAt: new Date(now + 30 * 60_000),
            notifyUrl: `${publicUrlOf(deps)}/v1/notify/${provider.id}`,
            returnUrl: `${publicUrlOf(deps)}/v1/return/${orderNo}`,
          });
          if (!created.ok) return refused(c, deps, order, created.outcome);
          // The bank's form is kept at once (it cannot be asked for again), and the order moves on beside it.
          await Promise.all([
            deps.store.set(ticketKey(pending.ticket), JSON.stringify({ orderNo, form: created.form }), TICKET_TTL_MS),
            deps.orders.update(orderNo, (o) => withStatus(o, 'CREATED', 'PENDING', deps.now())),
          ]);
          deps.logger.info('bind.created', { order: notPii(orderNo), provider: notPii(provider.id) });
          return { status: 201, body: createdView(deps, pending) };
        },
      })
      .catch((error: unknown) => {
        if (!(error instanceof IdempotencyConflict)) throw error;
        throw error.reason === 'reused'
          ? new ApiError('TOKEN_USED')
          : new ApiError('BIND_IN_PROGRESS', { retryAfter: error.retryAfter });
      });
    if (answer.replayed) setAnswerHeader(c, 'idempotent-replayed', 'true');
    return json(c, answer.body, answer.status as ContentfulStatusCode);
  });

  // The ticket: GET (and HEAD) only look, POST spends it once; the browser that
  // spent it gets a cookie, so its reload shows the way back instead of a 410.
  app.get('/r/:ticket', async (c) => {
    const ticket = c.req.param('ticket');
    if ((await deps.store.get(ticketKey(ticket))) !== undefined) return page(c, ticketPage);
    return spentTicket(c, deps, ticket);
  });

  app.post('/r/:ticket', async (c) => {
    const ticket = c.req.param('ticket');
    const raw = await deps.store.take(ticketKey(ticket));
    if (!raw) return spentTicket(c, deps, ticket);
    const { orderNo, form } = JSON.parse(raw) as { orderNo: string; form: FormDescriptor };
    const browser = toBase64Url(crypto.getRandomValues(new Uint8Array(18)));
    const spent = { orderNo, browser: deps.fingerprints.fingerprint('ticket-browser', browser) };
    await deps.store.set(`ticket-spent:${ticket}`, JSON.stringify(spent), SPENT_TTL_MS);
    setCookie(c, TICKET_COOKIE, browser, {
      path: `/r/${ticket}`,
      httpOnly: true,
      secure: deps.config.publicUrl.startsWith('https:'),
      sameSite: 'Lax',
      maxAge: SPENT_TTL_MS / 1000,
    });
    return page(c, (nonce) => redirectPage(form, nonce));
  });

  app.get('/v1/bind-cards/:orderNo', async (c) => {
    const { merchant, widget } = await requireMerchantOrWidget(c, deps, 'bind');
    const orderNo = c.req.param('orderNo');
    if (!ORDER_NO.test(orderNo)) throw new ApiError('ORDER_NOT_FOUND');
    let order = await deps.orders.get(orderNo);
    if (!order || order.merchant !== merchant) throw new ApiError('ORDER_NOT_FOUND');
    // A widget reads only the orders of the user its token names.
    if (widget && order.user !== undefined && (!widget.user || order.user !== (await userRef(deps, widget.user)))) {
      throw new ApiError('ORDER_NOT_FOUND');
    }
    if (isStale(deps, order)) {
      order = (await reconcile(deps, order)) ?? order;
      await announce(c, deps, order);
    }
    return json(c, orderView(order));
  });

  /** The merchant's bind orders in a window of creation times, oldest first (reconciliation). */
  app.get('/v1/bind-cards', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const query = queryParams(c, bindOrderListQuery);
    const window = createdWindow(query, deps.now());
    const after = query.startingAfter ? await deps.orders.get(query.startingAfter) : undefined;
    if (query.startingAfter && after?.merchant !== merchant) throw new ApiError('ORDER_NOT_FOUND');
    const cursor = after && { member: after.orderNo, at: after.createdAt };
    const page = await listPage(window, query.limit, cursor, (from, to, limit, afterNo) =>
      deps.orders.list(merchant, from, to, limit, afterNo),
    );
    return json(c, { data: page.data.map(orderView), hasMore: page.hasMore });
  });

  app.post('/v1/notify/:provider', async (c) => {
    const provider = deps.providers.get(c.req.param('provider'));
    if (!provider?.parseNotification) throw new ApiError('NOT_FOUND');
    const parse = provider.parseNotification.bind(provider);
    let notification: BindNotification;
    const ctx = deps.callContext();
    try {
      notification = await deps.telemetry.providerCall(
        provider.id,
        'notification',
        () => parse(c.req.raw, ctx),
        bindResultSummary,
      );
    } catch {
      deps.logger.warn('notify.rejected', { provider: notPii(provider.id) });
      throw new ApiError('NOTIFY_REJECTED');
    } finally {
      ctx.release();
    }
    const updated = await deps.orders.update(notification.orderNo, (o) =>
      o.providerId === provider.id ? withBindResult(o, notification, deps.now()) : undefined,
    );
    if (!updated) throw new ApiError('ORDER_NOT_FOUND');
    // Before the provider hears OK: if we crash first, its retry announces again (same event id).
    await announce(c, deps, updated.order);
    deps.logger.info('notify.applied', {
      order: notPii(notification.orderNo),
      changed: updated.changed,
      status: notPii(updated.order.status),
    });
    return c.body(notification.reply.body, notification.reply.status as 200, {
      'content-type': notification.reply.contentType,
    });
  });

  app.get('/v1/return/:orderNo', async (c) => {
    const orderNo = c.req.param('orderNo');
    const order = ORDER_NO.test(orderNo) ? await deps.orders.get(orderNo) : undefined;
    if (!order?.returnUrl) throw new ApiError('ORDER_NOT_FOUND');
    // A hint, never the source of truth: the widget reads the order's state itself.
    const target = new URL(order.returnUrl);
    target.searchParams.set('cardbind_order', orderNo);
    setAnswerHeader(c, 'cache-control', 'no-store');
    return c.redirect(target.href, 303);
  });
}

/** A keyed fingerprint of the merchant's user (their id may be a phone number or an e-mail address). */
function userRef(deps: Deps, user: { userType: string; identifyId: string }) {
  return deps.fingerprints.fingerprint('user', `${user.userType}|${user.identifyId}`);
}

function page(c: Context, render: (nonce: string) => { html: string; csp: string }) {
  const { html, csp } = render(toBase64Url(crypto.getRandomValues(new Uint8Array(16))));
  setAnswerHeader(c, 'content-security-policy', csp);
  setAnswerHeader(c, 'cache-control', 'no-store');
  setAnswerHeader(c, 'referrer-policy', 'no-referrer');
  return c.html(html);
}

/** A ticket already spent: its own browser sees the way back to the shop, anyone else a 410. */
async function spentTicket(c: Context, deps: Deps, ticket: string) {
  const raw = await deps.store.get(`ticket-spent:${ticket}`);
  const cookie = getCookie(c, TICKET_COOKIE);
  if (raw && cookie) {
    const spent = JSON.parse(raw) as { orderNo: string; browser: string };
    if (spent.browser === deps.fingerprints.fingerprint('ticket-browser', cookie)) {
      const back = `${deps.config.publicUrl.replace(/\/$/, '')}/v1/return/${spent.orderNo}`;
      return page(c, (nonce) => alreadySentPage(nonce, back));
    }
  }
  throw new ApiError('TICKET_USED');
}

/** Binding is not a billed call: nothing a bind call does is charged. */
const BIND_CALL_DONE: CallSummary = { outcome: 'created', charged: false };
const bindResultSummary = (result: BindResult): CallSummary => ({
  outcome: result.status.toLowerCase(),
  ...(result.outcome ? { reason: result.outcome.reason } : {}),
  charged: false,
});

/** Asks the provider for a stale pending order's state and applies it. */
async function reconcile(deps: Deps, order: BindOrder): Promise<BindOrder | undefined> {
  const provider = deps.providers.get(order.providerId);
  if (!provider?.queryBind) return undefined;
  const query = provider.queryBind.bind(provider);
  const ctx = deps.callContext();
  try {
    const result = await deps.telemetry.providerCall(
      provider.id,
      'query_bind',
      () => query(order.orderNo, ctx),
      bindResultSummary,
    );
    // Unchanged still touches updatedAt, so the next read waits before asking again.
    const updated = await deps.orders.update(
      order.orderNo,
      (o) => withBindResult(o, result, deps.now()) ?? { ...o, updatedAt: deps.now() },
    );
    return updated?.order;
  } catch (error) {
    deps.logger.warn('bind.reconcile_failed', {
      order: notPii(order.orderNo),
      reason: notPii(outcomeFromError(order.providerId, error).reason),
    });
    return undefined;
  } finally {
    ctx.release();
  }
}

/** A terminal order goes to the webhook outbox; the first delivery attempt starts right away. */
async function announce(c: Context, deps: Deps, order: BindOrder): Promise<void> {
  const eventId = await announceBindResult(deps.outbox, order);
  if (eventId) runInBackground(c, deps.outbox.deliver(eventId));
}

/** What a bind create's claim keeps before the provider is called: where its order and form go. */
interface PendingBind {
  orderNo: string;
  /** The one-time ticket the bank's form is kept under. */
  ticket: string;
}

const ticketKey = (ticket: string) => `ticket:${ticket}`;
const publicUrlOf = (deps: Deps) => deps.config.publicUrl.replace(/\/$/, '');

/** How long a create may hold its token's claim: its provider call's deadline, and a margin. */
const createLeaseMs = (deps: Deps) => deps.config.providerTimeoutMs + LEASE_MARGIN_MS;

/** The 201: the way to the bank. */
const createdView = (deps: Deps, { orderNo, ticket }: PendingBind) => ({
  orderNo,
  status: 'PENDING' as const,
  redirectUrl: `${publicUrlOf(deps)}/r/${ticket}`,
});

/** The order moved from `from` to `to`, or undefined (unchanged) if it is no longer `from`. */
function withStatus(order: BindOrder, from: BindOrder['status'], to: BindOrder['status'], now: number) {
  return order.status === from ? { ...order, status: to, updatedAt: now } : undefined;
}

/**
 * A pending order is asked about once it has waited `reconcileAfterSeconds`; a created one (its
 * create never finished: the server stopped) once its create could no longer be running either.
 */
function isStale(deps: Deps, order: BindOrder): boolean {
  const waited = deps.now() - order.updatedAt;
  const after = deps.config.reconcileAfterSeconds * 1000;
  if (order.status === 'PENDING') return waited > after;
  return order.status === 'CREATED' && waited > Math.max(after, createLeaseMs(deps));
}

/** The provider's create call: an answer always (a thrown error becomes a refusal), its context released. */
async function createAtProvider(deps: Deps, provider: Provider, request: BindCardRequest): Promise<BindCreateResult> {
  const createBind = provider.createBind?.bind(provider);
  const send = async (): Promise<BindCreateResult> => {
    const ctx = deps.callContext();
    try {
      if (!createBind) throw new Error('no createBind');
      return await createBind(request, ctx);
    } catch (error) {
      return { ok: false, orderNo: request.orderNo, outcome: outcomeFromError(provider.id, error) };
    } finally {
      ctx.release();
    }
  };
  return deps.telemetry.providerCall(provider.id, 'create_bind', send, (result) =>
    result.ok
      ? BIND_CALL_DONE
      : { outcome: result.outcome.status, reason: result.outcome.reason, charged: result.outcome.charged },
  );
}

/** The provider refused the order: it ends here (FAIL), or stays PENDING to be reconciled if it may have reached it. */
async function refused(c: Context, deps: Deps, order: BindOrder, outcome: Outcome): Promise<StoredAnswer> {
  const final = outcome.charged === false || outcome.status !== 'unavailable';
  const { order: stored } = (await deps.orders.update(order.orderNo, (o) => ({
    ...o,
    status: final ? 'FAIL' : 'PENDING',
    outcome,
    updatedAt: deps.now(),
  }))) ?? { order };
  deps.logger.warn('bind.create_failed', { order: notPii(order.orderNo), reason: notPii(outcome.reason) });
  await announce(c, deps, stored);
  return { status: 200, body: orderView(stored) };
}

/**
 * The answer for a create whose server stopped before it answered (its claim outlived it): what
 * was recorded decides. No order: the provider was never called, the create runs again. The bank's
 * form kept: the way to the bank. The provider's refusal kept: the failed order. Otherwise the
 * provider is asked: without the order, it fails (it never got there) and the create runs again;
 * with it, its form is lost, which cannot be asked for again, and the answer says to start a new bind.
 */
async function resumeCreate(c: Context, deps: Deps, pending: PendingBind): Promise<StoredAnswer | undefined> {
  const order = await deps.orders.get(pending.orderNo);
  if (!order) return undefined;
  c.set('logFields', { order: notPii(order.orderNo), inDoubt: true });
  if ((await deps.store.get(ticketKey(pending.ticket))) !== undefined) {
    await deps.orders.update(order.orderNo, (o) => withStatus(o, 'CREATED', 'PENDING', deps.now()));
    return { status: 201, body: createdView(deps, pending) };
  }
  if (order.outcome) return { status: 200, body: orderView(order) };
  const current = (await reconcile(deps, order)) ?? order;
  await announce(c, deps, current);
  // The provider has no such order: the create never reached it, and runs again (a new order).
  if (current.status === 'FAIL' && current.outcome?.reason === 'ORDER_NOT_FOUND') return undefined;
  deps.logger.warn('bind.page_lost', { order: notPii(order.orderNo), status: notPii(current.status) });
  return { status: 409, body: new ApiError('BIND_PAGE_LOST', { details: { order: orderView(current) } }).body() };
}
