import type { BindCardRequest, BindCreateResult, Binder } from '@cardbind/core/contract';
import { toBase64Url } from '@cardbind/core/crypto';
import { type Outcome, outcomeFromError } from '@cardbind/core/outcome';
import { maskIdNumber, maskName, maskPhone, notPii } from '@cardbind/core/pii';
import { documentOf, validateMobile, validateName, validateResidentId } from '@cardbind/core/validation';
import type { WidgetClaims } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import type { CallPlan } from '../providers/calls.js';
import type { Answer, StoredAnswer } from '../records/idempotency.js';
import { type BindOrder, type BindOrderView, orderView, userRef } from '../records/orders.js';
import { Refusal } from '../refusals.js';
import type { BindCardBody, BindCardCreatedBody, ErrorBody } from '../schemas.js';
import { keys } from '../store/keys.js';
import { announceOrder, createLeaseMs, reconcileOrder } from './bind-orders.js';
import type { Scope } from './scope.js';

/** A widget token that may bind: its merchant, session, the user the card binds to and where the browser returns. */
export type BindingClaims = WidgetClaims & Required<Pick<WidgetClaims, 'user' | 'returnUrl'>>;

/** A create's answers: the way to the bank, the refused order, or that the order's page was lost. */
type CreateReply =
  | { status: 201; body: BindCardCreatedBody }
  | { status: 200; body: BindOrderView }
  | { status: 409; body: ErrorBody };

/** What a create's claim keeps before the provider is called: where its order and form go. */
interface PendingBind {
  orderNo: string;
  /** The one-time ticket the bank's form is kept under. */
  ticket: string;
}

/**
 * Creates the token's one bind order: validated (invalid input spends nothing), under the token's
 * key (claimed before the order exists: the same body again gets this order's answer, another body
 * TOKEN_USED), the order persisted before the provider is called, the provider asked for the bank's
 * form through the one provider call path, and the form kept as a one-time ticket (201, the way to
 * the bank), or the refusal recorded (200, the failed order).
 */
export async function createBindOrder(
  deps: Deps,
  scope: Scope,
  claims: BindingClaims,
  body: BindCardBody,
): Promise<Answer<CreateReply>> {
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
    throw new Refusal('INVALID_INPUT', { details: { fields } });
  }
  const now = deps.now();
  const pending: PendingBind = {
    orderNo: `BC${now.toString(36)}${toBase64Url(crypto.getRandomValues(new Uint8Array(9))).replace(/[-_]/g, 'x')}`,
    ticket: toBase64Url(crypto.getRandomValues(new Uint8Array(24))),
  };
  const { orderNo } = pending;
  const publicUrl = publicUrlOf(deps);
  const request = (provider: Binder): BindCardRequest => ({
    orderNo,
    userType: claims.user.userType,
    identifyId: claims.user.identifyId,
    bankCardType: body.bankCardType,
    bankCode: body.bankCode,
    name: name.value,
    certType: 'ID',
    certNo: id.value,
    mobile: phone.value,
    expiresAt: new Date(now + 30 * 60_000),
    notifyUrl: `${publicUrl}/v1/notify/${provider.id}`,
    returnUrl: `${publicUrl}/v1/return/${orderNo}`,
  });
  const masked = { name: maskName(name.value), idNumber: maskIdNumber(id.value), phone: maskPhone(phone.value) };
  const user = userRef(deps.fingerprints, claims.user);
  const prepared = deps.calls.prepare('bindCard');
  return deps.idempotency.run<PendingBind, CreateReply>({
    key: keys.bindToken(claims.jti),
    ttlMs: deps.config.tokenTtlSeconds * 1000,
    fingerprint: deps.fingerprints.fingerprint(
      'bind',
      `${body.bankCode}|${body.bankCardType}|${name.value}|${id.value}|${phone.value}`,
    ),
    leaseMs: createLeaseMs(deps),
    pending,
    ...(scope.admit ? { admitted: scope.admit() } : {}),
    inDoubt: (left) => resumeCreate(deps, scope, left),
    work: async (steps) => {
      const orderFor = (provider: Binder): BindOrder => ({
        orderNo,
        merchant: claims.sub,
        providerId: provider.id,
        status: 'CREATED',
        masked,
        bankCode: body.bankCode,
        bankCardType: body.bankCardType,
        returnUrl: claims.returnUrl,
        user,
        createdAt: now,
        updatedAt: now,
      });
      // Persisted before the provider is called (a crash leaves an order to reconcile, never a lost
      // one): written for the first candidate at once, beside the route's pacing slot.
      const first = deps.calls.candidates('bindCard')[0];
      let order = first && orderFor(first);
      const written = order ? deps.orders.create(order) : Promise.resolve(false);
      written.catch(() => undefined);
      let called = false;
      const routed = await deps.calls
        .route('bindCard', createPlan(request), {
          deadline: steps.leaseUntil,
          prepared,
          beforeCall: async (provider) => {
            if (!(await written) || order?.providerId !== provider.id) {
              // Another provider than the first (which certainly did not take it): the order moves to it.
              order = (await deps.orders.update(orderNo, (o) => ({ ...o, providerId: provider.id })))?.order;
            }
            called = true;
            steps.foreignCall();
          },
        })
        .catch(async (error: unknown) => {
          // No provider was asked: the order written for one is no order. (Once one may have been,
          // the order stays, to be reconciled.)
          if (!called && (await written.catch(() => false))) await deps.orders.discard(orderNo).catch(() => undefined);
          throw error;
        });
      const created = routed.result;
      if (!created.ok) return refused(deps, scope, orderNo, created.outcome);
      // The bank's form is kept at once (it cannot be asked for again), and the order moves on beside
      // it; the answer (the way to the form) is written behind both (IdempotencyKeys).
      const alongside = Promise.all([
        deps.tickets.keep(pending.ticket, orderNo, created.form),
        deps.orders.update(orderNo, (o) => withStatus(o, 'CREATED', 'PENDING', deps.now()), order),
      ]);
      deps.logger.info('bind.created', { order: notPii(orderNo), provider: notPii(routed.provider.id) });
      return { status: 201, body: createdView(deps, pending), alongside };
    },
  });
}

function createPlan(request: (provider: Binder) => BindCardRequest): CallPlan<Binder, BindCreateResult> {
  return {
    action: 'create_bind',
    send: (provider, ctx) => provider.createBind(request(provider), ctx),
    failed: (provider, error) => ({
      ok: false,
      orderNo: request(provider).orderNo,
      outcome: outcomeFromError(provider.id, error),
    }),
    summary: (result) =>
      result.ok
        ? { outcome: 'created', charged: false }
        : { outcome: result.outcome.status, reason: result.outcome.reason, charged: result.outcome.charged },
  };
}

const publicUrlOf = (deps: Deps) => deps.config.publicUrl.replace(/\/$/, '');

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

/** The provider refused the order: it ends here (FAIL), or stays PENDING to be reconciled if it may have reached it. */
async function refused(
  deps: Deps,
  scope: Scope,
  orderNo: string,
  outcome: Outcome,
): Promise<StoredAnswer<CreateReply>> {
  const final = outcome.charged === false || outcome.status !== 'unavailable';
  const updated = await deps.orders.update(orderNo, (o) => ({
    ...o,
    status: final ? 'FAIL' : 'PENDING',
    outcome,
    updatedAt: deps.now(),
  }));
  if (!updated) throw new Refusal('ORDER_NOT_FOUND');
  deps.logger.warn('bind.create_failed', { order: notPii(orderNo), reason: notPii(outcome.reason) });
  await announceOrder(deps, scope, updated.order);
  return { status: 200, body: orderView(updated.order) };
}

/**
 * The answer for a create whose server stopped before it answered (its claim outlived it): what
 * was recorded decides. No order: the provider was never called, the create runs again. The bank's
 * form kept: the way to the bank. The provider's refusal kept: the failed order. Otherwise the
 * provider is asked: without the order, it fails (it never got there) and the create runs again;
 * with it, its form is lost, which cannot be asked for again, and the answer says to start a new bind.
 */
async function resumeCreate(
  deps: Deps,
  scope: Scope,
  pending: PendingBind,
): Promise<StoredAnswer<CreateReply> | undefined> {
  const order = await deps.orders.get(pending.orderNo);
  if (!order) return undefined;
  scope.note({ order: notPii(order.orderNo), inDoubt: true });
  if (await deps.tickets.exists(pending.ticket)) {
    await deps.orders.update(order.orderNo, (o) => withStatus(o, 'CREATED', 'PENDING', deps.now()));
    return { status: 201, body: createdView(deps, pending) };
  }
  if (order.outcome) return { status: 200, body: orderView(order) };
  const current = (await reconcileOrder(deps, scope, order)) ?? order;
  // The provider has no such order: the create never reached it, and runs again (a new order).
  if (current.status === 'FAIL' && current.outcome?.reason === 'ORDER_NOT_FOUND') return undefined;
  deps.logger.warn('bind.page_lost', { order: notPii(order.orderNo), status: notPii(current.status) });
  return { status: 409, body: new Refusal('BIND_PAGE_LOST', { details: { order: orderView(current) } }).body() };
}
