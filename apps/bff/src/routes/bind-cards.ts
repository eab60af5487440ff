import { toBase64Url } from '@cardbind/core/crypto';
import { outcomeFromError } from '@cardbind/core/outcome';
import { maskIdNumber, maskName, maskPhone, notPii } from '@cardbind/core/pii';
import type { BindCertType, BindUserType, FormDescriptor } from '@cardbind/core/provider';
import { validateMobile, validateName, validateResidentId } from '@cardbind/core/validation';
import type { Context, Hono } from 'hono';
import { runInBackground } from '../background.js';
import { jsonBody } from '../body.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { requireMerchantOrWidget, requireWidget } from '../middleware/auth.js';
import { bindCardBody } from '../schemas.js';
import { announceBindResult, type BindOrder, orderView, withBindResult } from '../services/orders.js';
import { redirectPage } from './redirect-page.js';

const TICKET_TTL_MS = 10 * 60_000;
const ORDER_NO = /^BC[0-9A-Za-z]{10,40}$/;

/** Bind orders: create → /r/<ticket> → bank → notify → return; status reads with reconciliation. */
export function bindCardRoutes(app: Hono, deps: Deps): void {
  app.post('/v1/bind-cards', async (c) => {
    const body = await jsonBody(c, bindCardBody);
    const claims = await requireWidget(c, deps, 'bind');
    if (!claims.user || !claims.returnUrl) throw new ApiError('OPERATION_NOT_ALLOWED');
    // One bind order per token: a second submit cannot create a second order.
    if (!(await deps.store.setIfAbsent(`token-used:bind:${claims.jti}`, '1', deps.config.tokenTtlSeconds * 1000))) {
      throw new ApiError('TOKEN_USED');
    }
    const name = validateName(body.name);
    const id = validateResidentId(body.idNumber, { today: new Date(deps.now()) });
    const phone = validateMobile(body.phone);
    if (!name.valid || !id.valid || !phone.valid) {
      await deps.store.delete(`token-used:bind:${claims.jti}`);
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
    const order: BindOrder = {
      orderNo,
      merchant: claims.sub,
      providerId: provider.id,
      status: 'CREATED',
      masked: { name: maskName(name.value), idNumber: maskIdNumber(id.value), phone: maskPhone(phone.value) },
      bankCode: body.bankCode,
      bankCardType: body.bankCardType,
      returnUrl: claims.returnUrl,
      createdAt: now,
      updatedAt: now,
    };
    // Persisted before the provider is called: a crash leaves an order to reconcile, never a lost one.
    await deps.orders.create(order);

    const publicUrl = deps.config.publicUrl.replace(/\/$/, '');
    let created: Awaited<ReturnType<NonNullable<typeof provider.createBind>>>;
    try {
      created = await provider.createBind(
        {
          orderNo,
          userType: claims.user.userType as BindUserType,
          identifyId: claims.user.identifyId,
          bankCardType: body.bankCardType,
          bankCode: body.bankCode,
          name: name.value,
          certType: 'ID' as BindCertType,
          certNo: id.value,
          mobile: phone.value,
          expiresAt: new Date(now + 30 * 60_000),
          notifyUrl: `${publicUrl}/v1/notify/${provider.id}`,
          returnUrl: `${publicUrl}/v1/return/${orderNo}`,
        },
        deps.callContext(),
      );
    } catch (error) {
      created = { ok: false, orderNo, outcome: outcomeFromError(provider.id, error) };
    }
    if (!created.ok) {
      const failed = created;
      // A create that may have reached the provider stays PENDING, to be reconciled.
      const final = failed.outcome.charged === false || failed.outcome.status !== 'unavailable';
      const { order: stored } = (await deps.orders.update(orderNo, (o) => ({
        ...o,
        status: final ? 'FAIL' : 'PENDING',
        outcome: failed.outcome,
        updatedAt: deps.now(),
      }))) ?? { order };
      deps.logger.warn('bind.create_failed', { order: notPii(orderNo), reason: notPii(failed.outcome.reason) });
      await announce(c, deps, stored);
      return c.json(orderView(stored), 200);
    }
    const ticket = toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
    await deps.store.set(`ticket:${ticket}`, JSON.stringify(created.form), TICKET_TTL_MS);
    await deps.orders.update(orderNo, (o) => ({ ...o, status: 'PENDING', updatedAt: deps.now() }));
    deps.logger.info('bind.created', { order: notPii(orderNo), provider: notPii(provider.id) });
    return c.json({ orderNo, status: 'PENDING', redirectUrl: `${publicUrl}/r/${ticket}` }, 201);
  });

  app.get('/r/:ticket', async (c) => {
    const raw = await deps.store.take(`ticket:${c.req.param('ticket')}`);
    if (!raw) throw new ApiError('TICKET_USED');
    const nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
    const { html, csp } = redirectPage(JSON.parse(raw) as FormDescriptor, nonce);
    c.header('content-security-policy', csp);
    c.header('cache-control', 'no-store');
    c.header('referrer-policy', 'no-referrer');
    return c.html(html);
  });

  app.get('/v1/bind-cards/:orderNo', async (c) => {
    const merchant = await requireMerchantOrWidget(c, deps);
    const orderNo = c.req.param('orderNo');
    if (!ORDER_NO.test(orderNo)) throw new ApiError('ORDER_NOT_FOUND');
    let order = await deps.orders.get(orderNo);
    if (!order || order.merchant !== merchant) throw new ApiError('ORDER_NOT_FOUND');
    if (order.status === 'PENDING' && deps.now() - order.updatedAt > deps.config.reconcileAfterSeconds * 1000) {
      order = (await reconcile(deps, order)) ?? order;
      await announce(c, deps, order);
    }
    return c.json(orderView(order));
  });

  app.post('/v1/notify/:provider', async (c) => {
    const provider = deps.providers.get(c.req.param('provider'));
    if (!provider?.parseNotification) throw new ApiError('NOT_FOUND');
    let notification: Awaited<ReturnType<NonNullable<typeof provider.parseNotification>>>;
    try {
      notification = await provider.parseNotification(c.req.raw, deps.callContext());
    } catch {
      deps.logger.warn('notify.rejected', { provider: notPii(provider.id) });
      throw new ApiError('NOTIFY_REJECTED');
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
    c.header('cache-control', 'no-store');
    return c.redirect(target.href, 303);
  });
}

/** Asks the provider for a stale pending order's state and applies it. */
async function reconcile(deps: Deps, order: BindOrder): Promise<BindOrder | undefined> {
  const provider = deps.providers.get(order.providerId);
  if (!provider?.queryBind) return undefined;
  try {
    const result = await provider.queryBind(order.orderNo, deps.callContext());
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
  }
}

/** A terminal order goes to the webhook outbox; the first delivery attempt starts right away. */
async function announce(c: Context, deps: Deps, order: BindOrder): Promise<void> {
  const eventId = await announceBindResult(deps.outbox, order);
  if (eventId) runInBackground(c, deps.outbox.deliver(eventId));
}
