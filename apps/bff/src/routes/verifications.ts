import { verifyCapability } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { scopeOf } from '../http/scope.js';
import { merchantKey, widgetToken } from '../middleware/auth.js';
import { WIDGET_GUARDS } from '../middleware/widget-routes.js';
import { IdempotencyConflict } from '../records/idempotency.js';
import { Refusal } from '../refusals.js';
import {
  idempotencyKey,
  pathParams,
  verificationAnswer,
  verificationBody,
  verificationList,
  verificationListQuery,
  verificationRecord,
} from '../schemas.js';
import { listVerifications } from '../use-cases/lists.js';
import { verifyCard } from '../use-cases/verify-card.js';

/** `POST /v1/verifications`: 2-, 3- or 4-element verification, idempotent, limited, routed. */
export const createVerification = route({
  method: 'post',
  path: '/v1/verifications',
  summary: 'Verify 2, 3 or 4 elements (name and card; + resident ID; + mobile).',
  guards: WIDGET_GUARDS,
  // The per-IP count shares the idempotency claim's round trip (use-cases/verify-card).
  overlapsGuards: true,
  auth: widgetToken(),
  headers: {
    'idempotency-key': {
      schema: idempotencyKey,
      description: '8–128 of [A-Za-z0-9_-]; the same key and body get the stored answer.',
      missing: 'IDEMPOTENCY_KEY_REQUIRED',
      invalid: 'IDEMPOTENCY_KEY_INVALID',
    },
  },
  body: verificationBody,
  answers: { 200: { schema: verificationAnswer, description: 'The normalized outcome.' } },
  refusals: [
    'INVALID_INPUT',
    'IDEMPOTENCY_KEY_REUSED',
    'IDEMPOTENCY_IN_PROGRESS',
    'SESSION_ATTEMPTS_EXCEEDED',
    'CARD_DAILY_LIMIT',
    'ID_DAILY_LIMIT',
    'NO_PROVIDER',
  ],
})(async ({ c, deps, caller, headers, body }) => {
  if (!caller.ops.includes(verifyCapability(body.kind))) throw new Refusal('OPERATION_NOT_ALLOWED');
  const answer = await verifyCard(deps, scopeOf(c), {
    merchant: caller.sub,
    session: caller.jti,
    idempotencyKey: headers['idempotency-key'],
    body,
  }).catch((error: unknown) => {
    if (!(error instanceof IdempotencyConflict)) throw error;
    throw error.reason === 'reused'
      ? new Refusal('IDEMPOTENCY_KEY_REUSED')
      : new Refusal('IDEMPOTENCY_IN_PROGRESS', { retryAfter: error.retryAfter });
  });
  // Through a hosted page: its session ended with a result (no expiry webhook).
  if (caller.hosted) await deps.hostedLinks.finish(caller.hosted);
  if (answer.replayed) {
    setAnswerHeader(c, 'idempotent-replayed', 'true');
    scopeOf(c).note({ merchant: notPii(caller.sub), replayed: true });
  }
  return answer;
});

/** The merchant's verifications in a window of creation times, oldest first (reconciliation). */
export const listVerificationsRoute = route({
  method: 'get',
  path: '/v1/verifications',
  summary:
    'Your verifications created in a window (createdFrom, createdTo: ISO 8601; the last day by default), oldest first, a page of `limit` (25, up to 100); the next page: startingAfter = the last id.',
  guards: WIDGET_GUARDS,
  auth: merchantKey,
  query: verificationListQuery,
  answers: { 200: { schema: verificationList, description: 'A page of records (masked card).' } },
  refusals: ['VERIFICATION_NOT_FOUND'],
})(async ({ deps, caller, query }) => ({ status: 200, body: await listVerifications(deps, caller, query) }));

/** The merchant's server reads a verification back: the browser's report is only a hint. */
export const readVerification = route({
  method: 'get',
  path: '/v1/verifications/{id}',
  summary: "A verification, read back by the merchant's server (confirm what the browser reported).",
  auth: merchantKey,
  params: { schema: pathParams.verification, invalid: 'VERIFICATION_NOT_FOUND' },
  answers: { 200: { schema: verificationRecord, description: 'The verification: masked card and outcome.' } },
})(async ({ deps, caller, params }) => {
  const record = await deps.verifications.get(params.id);
  if (!record || record.merchant !== caller) throw new Refusal('VERIFICATION_NOT_FOUND');
  const { merchant: _owner, ...view } = record;
  return { status: 200, body: view };
});

export const verificationRoutes = [createVerification, listVerificationsRoute, readVerification];
