import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { setAnswerHeader } from '../http/answers.js';
import { htmlPage } from '../http/html.js';
import { route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';
import { browserIpLimit } from '../middleware/ip-limit.js';
import { SPENT_TTL_MS } from '../records/tickets.js';
import { Refusal } from '../refusals.js';
import { pathParams } from '../schemas.js';
import { lookAtTicket, spendTicket, type WayBack } from '../use-cases/bank-redirect.js';
import { alreadySentPage, redirectPage, ticketPage } from './bank-pages.js';

const TICKET_COOKIE = 'cardbind_ticket';
/** What both ticket routes are: a browser's page at /r/<ticket>, for anyone who has the link. */
const TICKET_PAGE = {
  path: '/r/{ticket}',
  guards: [browserIpLimit],
  auth: anyone,
  params: { schema: pathParams.ticket, invalid: 'TICKET_USED' },
  answers: { 200: { contentType: 'text/html', description: 'HTML.' } },
  refusals: ['TICKET_USED'],
} as const;

/** `GET /r/<ticket>`: only looks (link previews, scanners), never spends. */
export const openTicket = route({
  ...TICKET_PAGE,
  method: 'get',
  summary:
    'The bank redirect: a page that POSTs the ticket (GET and HEAD never spend it, so link previews cannot). The browser that spent it is shown the way back.',
})(async ({ c, deps, params }) => {
  const view = await lookAtTicket(deps, params.ticket, getCookie(c, TICKET_COOKIE));
  return { response: view.kind === 'unspent' ? htmlPage(c, ticketPage) : wayBack(c, view) };
});

/** `POST /r/<ticket>`: spends it, once; the browser that did gets a cookie, so its reload is shown the way back. */
export const spendTicketRoute = route({
  ...TICKET_PAGE,
  method: 'post',
  summary: "Spends the one-time ticket: a page that submits the provider's form (strict CSP, no-script fallback).",
})(async ({ c, deps, params }) => {
  const spent = await spendTicket(deps, params.ticket, getCookie(c, TICKET_COOKIE));
  if ('kind' in spent) return { response: wayBack(c, spent) };
  setCookie(c, TICKET_COOKIE, spent.browser, {
    path: `/r/${params.ticket}`,
    httpOnly: true,
    secure: deps.config.publicUrl.startsWith('https:'),
    sameSite: 'Lax',
    maxAge: SPENT_TTL_MS / 1000,
  });
  return { response: htmlPage(c, (nonce) => redirectPage(spent.form, nonce)) };
});

/** `GET /v1/return/<orderNo>`: the bank page's way back, a 303 to the merchant's return URL. */
export const returnFromBank = route({
  method: 'get',
  path: '/v1/return/{orderNo}',
  summary: "The bank page's return: 303 to the merchant's return URL with cardbind_order.",
  auth: anyone,
  params: { schema: pathParams.order, invalid: 'ORDER_NOT_FOUND' },
  answers: { 303: { redirect: true, description: 'Redirect.' } },
  refusals: ['ORDER_NOT_FOUND'],
})(async ({ c, deps, params }) => {
  const order = await deps.orders.get(params.orderNo);
  if (!order?.returnUrl) throw new Refusal('ORDER_NOT_FOUND');
  // A hint, never the source of truth: the widget reads the order's state itself.
  const target = new URL(order.returnUrl);
  target.searchParams.set('cardbind_order', params.orderNo);
  setAnswerHeader(c, 'cache-control', 'no-store');
  return { response: c.redirect(target.href, 303) };
});

export const bankRedirectRoutes = [openTicket, spendTicketRoute, returnFromBank];

function wayBack(c: Context, view: WayBack) {
  return htmlPage(c, (nonce) => alreadySentPage(nonce, view.back));
}
