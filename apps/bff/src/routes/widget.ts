import { FRAME_CSS, FRAME_JS, FRAME_VERSION, INLINE_JS, LOADER_SCRIPT } from '@cardbind/widget/frame-assets';
import type { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { setAnswerHeader } from '../middleware/answer-headers.js';
import { ownFilesPageCsp } from '../middleware/security-headers.js';

/**
 * The widget's iframe and the loader script, served by the BFF so card and ID
 * data are typed into the BFF's origin, never the merchant page's. The frame
 * runs under a strict CSP and may be framed only by the merchants' origins.
 */
export function widgetRoutes(app: Hono, deps: Deps): void {
  const allowed = new Set(deps.config.merchants.flatMap((m) => m.allowedOrigins.map((o) => new URL(o).origin)));
  // frame-ancestors names the one page origin the loader reports (`?origin=`), if a
  // merchant allows it; otherwise nobody may frame the form.
  const csp = (origin: string | undefined) =>
    ownFilesPageCsp(origin !== undefined && allowed.has(origin) ? origin : "'none'");
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
  const immutable = 'public, max-age=31536000, immutable';

  app.get('/widget/frame', (c) => {
    setAnswerHeader(c, 'content-security-policy', csp(c.req.query('origin')));
    setAnswerHeader(c, 'referrer-policy', 'no-referrer');
    setAnswerHeader(c, 'cache-control', 'no-cache');
    return c.html(html);
  });
  app.get('/widget/frame.js', (c) =>
    c.body(FRAME_JS, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': c.req.query('v') === FRAME_VERSION ? immutable : 'no-cache',
    }),
  );
  app.get('/widget/frame.css', (c) =>
    c.body(FRAME_CSS, 200, {
      'content-type': 'text/css; charset=utf-8',
      'cache-control': c.req.query('v') === FRAME_VERSION ? immutable : 'no-cache',
    }),
  );
  // Loaded by merchant pages: the <script> build of the loader (no bundler) and
  // the inline-mode form (a module script, so it needs CORS).
  for (const [path, body] of [
    ['/widget/cardbind.js', LOADER_SCRIPT],
    ['/widget/inline.js', INLINE_JS],
  ] as const) {
    app.get(path, (c) =>
      c.body(body, 200, {
        'content-type': 'text/javascript; charset=utf-8',
        'cache-control': 'public, max-age=300',
        'access-control-allow-origin': '*',
        'cross-origin-resource-policy': 'cross-origin',
      }),
    );
  }
}
