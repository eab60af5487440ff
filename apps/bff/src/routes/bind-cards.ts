import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { scopeOf } from '../http/scope.js';
import { merchantKey, merchantKeyOrWidgetToken, widgetToken } from '../middleware/auth.js';
import { WIDGET_GUARDS } from '../middleware/widget-routes.js';
import { IdempotencyConflict } from '../records/idempotency.js';
import { orderView } from '../records/orders.js';
import { Refusal } from '../refusals.js';
import { bindCardBody, bindCardCreated, bindOrder, bindOrderList, bindOrderListQuery, pathParams } from '../schemas.js';
import { createBindOrder } from '../use-cases/create-bind-order.js';
import { listBindOrders } from '../use-cases/lists.js';
import { readOrder } from '../use-cases/read-order.js';

/** `POST /v1/bind-cards`: the token's one bind order, and the one-time way to the bank's page. */
export const createBindOrderRoute = route({
  method: 'post',
  path: '/v1/bind-cards',
  summary:
    "Create the token's bind order; answers the one-time URL of the bank's page. The same body again gets that order's answer again.",
  guards: WIDGET_GUARDS,
  // The per-IP count shares the token's claim's round trip (use-cases/create-bind-order).
  overlapsGuards: true,
  auth: widgetToken('bind'),
  body: bindCardBody,
  answers: {
    201: { schema: bindCardCreated, description: 'Navigate the top window to redirectUrl.' },
    200: { schema: bindOrder, description: 'The provider refused the order: it failed (or waits to be reconciled).' },
  },
  refusals: ['TOKEN_USED', 'INVALID_INPUT', 'BIND_IN_PROGRESS', 'BIND_PAGE_LOST', 'NO_PROVIDER'],
})(async ({ c, deps, caller, body }) => {
  const { user, returnUrl } = caller;
  if (!user || !returnUrl) throw new Refusal('OPERATION_NOT_ALLOWED');
  const answer = await createBindOrder(deps, scopeOf(c), { ...caller, user, returnUrl }, body).catch(
    (error: unknown) => {
      if (!(error instanceof IdempotencyConflict)) throw error;
      throw error.reason === 'reused'
        ? new Refusal('TOKEN_USED')
        : new Refusal('BIND_IN_PROGRESS', { retryAfter: error.retryAfter });
    },
  );
  if (answer.replayed) setAnswerHeader(c, 'idempotent-replayed', 'true');
  // Through a hosted page: its session ended with an order (its result comes as bind_card.* webhooks).
  if (caller.hosted) await deps.hostedLinks.finish(caller.hosted);
  // The lost page is a stored answer (a retry gets it again), answered as the refusal it is.
  if (answer.status === 409) throw new Refusal('BIND_PAGE_LOST', { details: answer.body.error.details ?? {} });
  return answer;
});

/** A bind order, for the merchant's back end or the widget; a stale pending one is reconciled. */
export const readBindOrder = route({
  method: 'get',
  path: '/v1/bind-cards/{orderNo}',
  summary: 'A bind order (merchant back end or widget); a stale pending one is reconciled.',
  guards: WIDGET_GUARDS,
  auth: merchantKeyOrWidgetToken('bind'),
  params: { schema: pathParams.order, invalid: 'ORDER_NOT_FOUND' },
  answers: { 200: { schema: bindOrder, description: 'The order.' } },
  refusals: ['ORDER_NOT_FOUND'],
})(async ({ c, deps, caller, params }) => ({
  status: 200,
  body: orderView(await readOrder(deps, scopeOf(c), caller, params.orderNo)),
}));

/** The merchant's bind orders in a window of creation times, oldest first (reconciliation). */
export const listBindOrdersRoute = route({
  method: 'get',
  path: '/v1/bind-cards',
  summary:
    'Your bind orders created in a window (createdFrom, createdTo: ISO 8601; the last day by default), oldest first, a page of `limit` (25, up to 100); the next page: startingAfter = the last orderNo.',
  guards: WIDGET_GUARDS,
  auth: merchantKey,
  query: bindOrderListQuery,
  answers: { 200: { schema: bindOrderList, description: 'A page of orders (masked).' } },
  refusals: ['ORDER_NOT_FOUND'],
})(async ({ deps, caller, query }) => ({ status: 200, body: await listBindOrders(deps, caller, query) }));

export const bindCardRoutes = [createBindOrderRoute, readBindOrder, listBindOrdersRoute];
