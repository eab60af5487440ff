import { OPS_CSS, OPS_JS, OPS_VERSION } from '@cardbind/ops-page/assets';
import type { Hono } from 'hono';
import { runInBackground } from '../background.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import { requireOperatorOrMerchant } from '../middleware/auth.js';
import { ownFilesPageCsp } from '../middleware/security-headers.js';
import { queryParams } from '../query.js';
import { operationsQuery } from '../schemas.js';
import type { OperationsStats } from '../services/operations-stats.js';
import { operationsSummary } from '../services/operations-summary.js';
import { eventView } from '../services/webhooks.js';

const EVENT_ID = /^evt_[A-Za-z0-9_]{1,120}$/;

/**
 * The operations page: a static shell and its script (Preact) under the widget's CSP rules,
 * which reads everything it shows from the JSON routes below with the key the person types
 * (the operator key, or a merchant API key for that merchant's part). No cookie, so no CSRF.
 */
export function operationsRoutes(app: Hono, deps: Deps, stats: OperationsStats): void {
  const csp = ownFilesPageCsp("'none'");
  const page = (lang: 'zh-CN' | 'en') => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>cardbind operations</title>
<link rel="stylesheet" href="/ops/ops.css?v=${OPS_VERSION}">
<script type="module" src="/ops/ops.js?v=${OPS_VERSION}"></script>
</head>
<body><div id="root"></div></body>
</html>`;
  const immutable = 'public, max-age=31536000, immutable';

  app.get('/ops', (c) => {
    setAnswerHeader(c, 'content-security-policy', csp);
    setAnswerHeader(c, 'referrer-policy', 'no-referrer');
    setAnswerHeader(c, 'cache-control', 'no-cache');
    return c.html(page(c.req.query('lang') === 'en' ? 'en' : 'zh-CN'));
  });
  for (const [path, body, type] of [
    ['/ops/ops.js', OPS_JS, 'text/javascript; charset=utf-8'],
    ['/ops/ops.css', OPS_CSS, 'text/css; charset=utf-8'],
  ] as const) {
    app.get(path, (c) =>
      c.body(body, 200, {
        'content-type': type,
        'cache-control': c.req.query('v') === OPS_VERSION ? immutable : 'no-cache',
      }),
    );
  }

  app.get('/v1/operations/summary', async (c) => {
    const reader = await requireOperatorOrMerchant(c, deps);
    const { days } = queryParams(c, operationsQuery);
    setAnswerHeader(c, 'cache-control', 'no-store');
    const summary = await operationsSummary(reader, days, {
      config: deps.config,
      stats,
      outbox: deps.outbox,
      orders: deps.orders,
      now: deps.now(),
    });
    return json(c, summary);
  });

  // Resending from the page: the operator for any merchant, a merchant for its own events.
  app.post('/v1/operations/webhook-events/dead/resend', async (c) => {
    const reader = await requireOperatorOrMerchant(c, deps);
    const merchants = reader.operator ? deps.config.merchants.map((m) => m.id) : [reader.merchant];
    const resent = (await Promise.all(merchants.map((m) => deps.outbox.resendDead(m, 100)))).flat();
    const ids = resent.map((record) => record.event.id);
    runInBackground(c, Promise.all(ids.map((id) => deps.outbox.deliver(id))));
    return json(c, { resent: ids }, 202);
  });
  app.post('/v1/operations/webhook-events/:eventId/resend', async (c) => {
    const reader = await requireOperatorOrMerchant(c, deps);
    const id = c.req.param('eventId');
    const record = EVENT_ID.test(id) ? await deps.outbox.record(id) : undefined;
    const merchant = record?.event.merchant;
    if (!merchant || (!reader.operator && reader.merchant !== merchant)) throw new ApiError('WEBHOOK_EVENT_NOT_FOUND');
    const resent = await deps.outbox.resend(merchant, id);
    if (resent === undefined) throw new ApiError('WEBHOOK_EVENT_NOT_FOUND');
    if (resent === 'pending') throw new ApiError('WEBHOOK_EVENT_PENDING');
    runInBackground(c, deps.outbox.deliver(id));
    const { data: _payload, ...view } = eventView(resent);
    return json(c, view, 202);
  });
}
