import {
  FRAME_CSS_SHA256,
  FRAME_JS_SHA256,
  FRAME_VERSION,
  PING_SHA256,
  PRERENDERED_FORMS,
} from '@cardbind/widget/frame-manifest';
import * as z from 'zod';
import { setAnswerHeader } from '../http/answers.js';
import { fileAnswer } from '../http/compression.js';
import { route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';
import { ownFilesPageCsp } from '../middleware/security-headers.js';
import { localeParam, ownFile } from './static-files.js';

/**
 * The widget's iframe and the loader script, served by the BFF so card and ID data are typed into
 * the BFF's origin, never the merchant page's. The frame runs under a strict CSP and may be framed
 * only by the merchants' origins.
 */

/** Origins some merchant allows, per configuration (parsed once per app). */
const allowedOrigins = new WeakMap<object, Set<string>>();

export const widgetFrame = route({
  method: 'get',
  path: '/widget/frame',
  summary: "The widget's iframe page (strict CSP; framed only by merchants' origins).",
  auth: anyone,
  // `origin`: the page that frames it (the loader's location.origin); `locale`: the form's language;
  // `form`: the form to write out into the page (none: the script renders it, as for a result).
  query: z.object({
    origin: z.string().optional(),
    locale: localeParam,
    form: z.enum(PRERENDERED_FORMS).optional(),
  }),
  answers: { 200: { contentType: 'text/html', description: 'The frame.' } },
})(async ({ c, deps, query }) => {
  let allowed = allowedOrigins.get(deps.config);
  if (!allowed) {
    allowed = new Set(deps.config.merchants.flatMap((m) => m.allowedOrigins.map((o) => new URL(o).origin)));
    allowedOrigins.set(deps.config, allowed);
  }
  // frame-ancestors names the one page origin the loader reports (`?origin=`), if a merchant
  // allows it; otherwise nobody may frame the form.
  const { origin, form } = query;
  setAnswerHeader(
    c,
    'content-security-policy',
    ownFilesPageCsp(origin && allowed.has(origin) ? origin : "'none'", {
      styleSha256: FRAME_CSS_SHA256,
      // A page with its form written out runs ping.js first.
      scriptSha256: form ? [PING_SHA256, FRAME_JS_SHA256[query.locale]] : [FRAME_JS_SHA256[query.locale]],
    }),
  );
  setAnswerHeader(c, 'referrer-policy', 'no-referrer');
  setAnswerHeader(c, 'cache-control', 'no-cache');
  return {
    response: await fileAnswer(
      deps.files,
      c.req.header('accept-encoding'),
      `/widget/frame?v=${FRAME_VERSION}&locale=${query.locale}${form ? `&form=${form}` : ''}`,
      // The frame's page (widget's framePage): its styles and scripts in it, allowed by their hashes.
      await deps.built.text(form ? `frame.${query.locale}.${form}.html` : `frame.${query.locale}.html`),
      (body, headers) => c.body(body as string, 200, headers),
      { 'content-type': 'text/html; charset=UTF-8' },
    ),
  };
});

/** Loaded by merchant pages, so CORS: the <script> build of the loader (no bundler), and the inline-mode form (a module script). */
const FOR_MERCHANT_PAGES = { 'access-control-allow-origin': '*', 'cross-origin-resource-policy': 'cross-origin' };

export const widgetRoutes = [
  widgetFrame,
  ownFile({
    path: '/widget/cardbind.js',
    summary: 'The loader as a classic script (window.Cardbind, <cardbind-widget>).',
    type: 'text/javascript',
    version: FRAME_VERSION,
    file: 'cardbind.js',
    headers: FOR_MERCHANT_PAGES,
    maxAge: 300,
  }),
  ownFile({
    path: '/widget/inline.js',
    summary:
      'Inline mode: the form as an ES module rendered into a shadow root (loaded by the loader), in the `locale` asked for.',
    type: 'text/javascript',
    version: FRAME_VERSION,
    file: (locale) => `inline.${locale}.js`,
    headers: FOR_MERCHANT_PAGES,
    maxAge: 300,
  }),
];
