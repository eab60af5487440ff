import { generateCookie, getCookie } from 'hono/cookie';
import * as z from 'zod';
import { createHostedSessionBody, hostedClaimAnswer, hostedSessionAnswer } from '../hosted-schemas.js';
import { setAnswerHeader } from '../http/answers.js';
import { htmlPage } from '../http/html.js';
import { route } from '../http/route.js';
import { anyone, merchantKey } from '../middleware/auth.js';
import { browserIpLimit } from '../middleware/ip-limit.js';
import { KEPT_AFTER_EXPIRY_MS } from '../records/hosted-links.js';
import { pathParams } from '../schemas.js';
import { claimHostedLink, createHostedSession, lookAtHostedLink } from '../use-cases/hosted-session.js';
import { gonePage, hostedPage } from './hosted-pages.js';

/** `POST /v1/hosted-sessions` (merchant API key) → a single-use page URL for an app, a mini program or a browser. */
export const createHostedSessionRoute = route({
  method: 'post',
  path: '/v1/hosted-sessions',
  summary:
    'Create a hosted page (server to server): a single-use URL on the BFF that shows the form full-page and sends the person back to returnUrl.',
  auth: merchantKey,
  body: createHostedSessionBody,
  answers: { 201: { schema: hostedSessionAnswer, description: 'The page to open, and until when.' } },
  refusals: ['ORIGIN_NOT_ALLOWED', 'INVALID_REQUEST'],
})(async ({ deps, caller, body }) => ({ status: 201, body: await createHostedSession(deps, caller, body) }));

/** The browser's cookie that keeps a link its own (on the link's own path). */
const HOSTED_COOKIE = 'cardbind_hosted';
const HOSTED = { guards: [browserIpLimit], auth: anyone } as const;

/** `GET /hosted/<id>`: the page (spends nothing: previews and prefetches may look), or why it no longer opens (410). */
export const openHostedPage = route({
  ...HOSTED,
  // Any id (bounded): one that is not a link's gets the same page as an unknown one, in HTML.
  params: { schema: z.object({ id: z.string().max(100) }), invalid: 'HOSTED_LINK_GONE' },
  method: 'get',
  path: '/hosted/{id}',
  summary:
    'The hosted page: the form full-page. Opening it spends nothing; its script claims the link for this browser. A link claimed by another browser, or expired: 410 with a page saying so.',
  answers: {
    200: { contentType: 'text/html', description: 'The page.' },
    410: {
      contentType: 'text/html',
      description: 'Used in another browser, expired, or unknown: a page with the way back.',
    },
  },
})(async ({ c, deps, params }) => {
  const view = await lookAtHostedLink(deps, params.id, getCookie(c, HOSTED_COOKIE));
  if (view.kind === 'open') {
    const { locale, returnUrl, handBackToMiniProgram, operations } = view.link;
    const bind = operations.includes('bind');
    return { response: htmlPage(c, (nonce) => hostedPage(nonce, { locale, returnUrl, bind, handBackToMiniProgram })) };
  }
  const locale = view.link?.locale ?? (/^zh\b/i.test(c.req.header('accept-language') ?? 'zh') ? 'zh-CN' : 'en');
  const back = view.link && new URL(view.link.returnUrl);
  back?.searchParams.set('cardbind_cancel', view.reason);
  return { response: htmlPage(c, (nonce) => gonePage(nonce, locale, view.reason, back?.href), 410) };
});

/** `POST /hosted/<id>/claim`: the page's script opening its link; the first browser keeps it. */
export const claimHostedPage = route({
  ...HOSTED,
  params: { schema: pathParams.hosted, invalid: 'HOSTED_LINK_GONE' },
  method: 'post',
  path: '/hosted/{id}/claim',
  summary:
    "The hosted page's script: a widget token for its form. The first browser to ask keeps the link (a cookie on its path); any other gets HOSTED_LINK_GONE.",
  answers: { 200: { schema: hostedClaimAnswer, description: 'The token and the form to show.' } },
  refusals: ['HOSTED_LINK_GONE'],
})(async ({ c, deps, params }) => {
  const claimed = await claimHostedLink(deps, params.id, getCookie(c, HOSTED_COOKIE));
  if (claimed.secret) {
    const cookie = generateCookie(HOSTED_COOKIE, claimed.secret, {
      path: `/hosted/${params.id}`,
      httpOnly: true,
      secure: deps.config.publicUrl.startsWith('https:'),
      // Sent on the bank's way back (a top-level GET from another site), and in a mini program's web-view.
      sameSite: 'Lax',
      maxAge: Math.ceil((claimed.expiresAt - deps.now() + KEPT_AFTER_EXPIRY_MS) / 1000),
    });
    setAnswerHeader(c, 'set-cookie', cookie);
  }
  setAnswerHeader(c, 'cache-control', 'no-store');
  return { status: 200, body: claimed.answer };
});

export const hostedRoutes = [createHostedSessionRoute, openHostedPage, claimHostedPage];
