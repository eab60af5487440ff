import { FRAME_CSS, FRAME_JS, FRAME_VERSION, INLINE_JS, LOADER_SCRIPT } from '@cardbind/widget/frame-assets';
import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';
import { ownFilesPageCsp } from '../middleware/security-headers.js';
import { staticFile } from './static-files.js';

/**
 * The widget's iframe and the loader script, served by the BFF so card and ID data are typed into
 * the BFF's origin, never the merchant page's. The frame runs under a strict CSP and may be framed
 * only by the merchants' origins.
 */
const html = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cardbind</title>
<link rel="stylesheet" href="frame.css?v=${FRAME_VERSION}">
<script type="module" src="frame.js?v=${FRAME_VERSION}"></script>
</head>
<body><div id="root"></div></body>
</html>`;

/** Origins some merchant allows, per configuration (parsed once per app). */
const allowedOrigins = new WeakMap<object, Set<string>>();

export const widgetFrame = route({
  method: 'get',
  path: '/widget/frame',
  summary: "The widget's iframe page (strict CSP; framed only by merchants' origins).",
  auth: anyone,
  answers: { 200: { contentType: 'text/html', description: 'The frame.' } },
})(({ c, deps }) => {
  let allowed = allowedOrigins.get(deps.config);
  if (!allowed) {
    allowed = new Set(deps.config.merchants.flatMap((m) => m.allowedOrigins.map((o) => new URL(o).origin)));
    allowedOrigins.set(deps.config, allowed);
  }
  // frame-ancestors names the one page origin the loader reports (`?origin=`), if a merchant
  // allows it; otherwise nobody may frame the form.
  const origin = c.req.query('origin');
  setAnswerHeader(c, 'content-security-policy', ownFilesPageCsp(origin && allowed.has(origin) ? origin : "'none'"));
  setAnswerHeader(c, 'referrer-policy', 'no-referrer');
  setAnswerHeader(c, 'cache-control', 'no-cache');
  return { response: c.html(html) };
});

/** Loaded by merchant pages: the <script> build of the loader (no bundler), and the inline-mode form (a module script, so CORS). */
const forMerchantPages = (path: `/${string}`, summary: string, body: string) =>
  route({
    method: 'get',
    path,
    summary,
    auth: anyone,
    answers: { 200: { contentType: 'text/javascript', description: summary } },
  })(({ c }) => ({
    response: c.body(body, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'public, max-age=300',
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
    }),
  }));

export const widgetRoutes = [
  widgetFrame,
  staticFile('/widget/frame.js', 'The frame app (Preact).', FRAME_JS, FRAME_VERSION, 'text/javascript'),
  staticFile('/widget/frame.css', "The frame's styles.", FRAME_CSS, FRAME_VERSION, 'text/css'),
  forMerchantPages(
    '/widget/cardbind.js',
    'The loader as a classic script (window.Cardbind, <cardbind-widget>).',
    LOADER_SCRIPT,
  ),
  forMerchantPages(
    '/widget/inline.js',
    'Inline mode: the form as an ES module rendered into a shadow root (loaded by the loader).',
    INLINE_JS,
  ),
];
