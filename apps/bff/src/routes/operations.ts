import { OPS_VERSION } from '@cardbind/ops-page/manifest';
import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { scopeOf } from '../http/scope.js';
import { anyone, operatorOrMerchantKey } from '../middleware/auth.js';
import { ownFilesPageCsp } from '../middleware/security-headers.js';
import { operationsSummary } from '../operations/summary.js';
import { Refusal } from '../refusals.js';
import {
  operationsQuery,
  pathParams,
  resentAnswer,
  operationsSummary as summarySchema,
  webhookEventView,
} from '../schemas.js';
import { resendDeadEvents, resendEvent } from '../use-cases/resend-webhooks.js';
import { eventView } from '../webhooks/events.js';
import { ownFile } from './static-files.js';

/**
 * The operations page: a static shell and its script (Preact) under the widget's CSP rules,
 * which reads everything it shows from the JSON routes below with the key the person types
 * (the operator key, or a merchant API key for that merchant's part). No cookie, so no CSRF.
 */
const when = (features: { operations: boolean }) => features.operations;

const csp = ownFilesPageCsp("'none'");
const shell = (lang: 'zh-CN' | 'en') => `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>cardbind operations</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/ops/ops.css?v=${OPS_VERSION}">
<script type="module" src="/ops/ops.js?v=${OPS_VERSION}"></script>
</head>
<body><div id="root"></div></body>
</html>`;

export const operationsPage = route({
  method: 'get',
  path: '/ops',
  summary: 'The operations page (strict CSP, framed by nobody); it asks for a key.',
  when,
  auth: anyone,
  answers: { 200: { contentType: 'text/html', description: 'The page.' } },
})(({ c }) => {
  setAnswerHeader(c, 'content-security-policy', csp);
  setAnswerHeader(c, 'referrer-policy', 'no-referrer');
  setAnswerHeader(c, 'cache-control', 'no-cache');
  return { response: c.html(shell(c.req.query('lang') === 'en' ? 'en' : 'zh-CN')) };
});

export const operationsScript = ownFile({
  path: '/ops/ops.js',
  summary: 'The operations page app (Preact).',
  type: 'text/javascript',
  version: OPS_VERSION,
  file: 'ops.js',
  when,
});
export const operationsStyles = ownFile({
  path: '/ops/ops.css',
  summary: "The operations page's styles.",
  type: 'text/css',
  version: OPS_VERSION,
  file: 'ops.css',
  when,
});

export const summary = route({
  method: 'get',
  path: '/v1/operations/summary',
  summary:
    "The operations page's figures for the last `days` days: providers (breaker, calls, paid calls, spend, outcomes, latency), webhooks, recent bind orders. A merchant key sees its own webhooks and orders, and the providers only when the BFF serves it alone.",
  when,
  auth: operatorOrMerchantKey,
  query: operationsQuery,
  answers: { 200: { schema: summarySchema, description: 'The figures.' } },
})(async ({ c, deps, caller, query }) => {
  setAnswerHeader(c, 'cache-control', 'no-store');
  const stats = deps.operationsStats;
  if (!stats) throw new Refusal('NOT_FOUND');
  const { config, outbox, orders } = deps;
  return {
    status: 200,
    body: await operationsSummary(caller, query.days, { config, stats, outbox, orders, now: deps.now() }),
  };
});

// Resending from the page: the operator for any merchant, a merchant for its own events.
export const resendAllDead = route({
  method: 'post',
  path: '/v1/operations/webhook-events/dead/resend',
  summary: "Resend the dead events of every merchant (operator key) or of the key's merchant.",
  when,
  auth: operatorOrMerchantKey,
  answers: { 202: { schema: resentAnswer, description: 'The ids queued again.' } },
})(async ({ c, deps, caller }) => {
  const merchants = caller.operator ? deps.config.merchants.map((m) => m.id) : [caller.merchant];
  return { status: 202, body: { resent: await resendDeadEvents(deps, scopeOf(c), merchants) } };
});

export const resendFromPage = route({
  method: 'post',
  path: '/v1/operations/webhook-events/{eventId}/resend',
  summary: "Send a dead or delivered event again, any merchant's (operator key) or the key's merchant's own.",
  when,
  auth: operatorOrMerchantKey,
  params: { schema: pathParams.event, invalid: 'WEBHOOK_EVENT_NOT_FOUND' },
  answers: { 202: { schema: webhookEventView.omit({ data: true }), description: 'Queued again: status pending.' } },
  refusals: ['WEBHOOK_EVENT_NOT_FOUND', 'WEBHOOK_EVENT_PENDING'],
})(async ({ c, deps, caller, params }) => {
  const merchant = caller.operator ? undefined : caller.merchant;
  const { data: _payload, ...view } = eventView(await resendEvent(deps, scopeOf(c), merchant, params.eventId));
  return { status: 202, body: view };
});

export const operationsRoutes = [
  operationsPage,
  operationsScript,
  operationsStyles,
  summary,
  resendAllDead,
  resendFromPage,
];
