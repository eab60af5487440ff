import { createOutcome, type Outcome } from '@cardbind/core/outcome';
import { maskCard, notPii } from '@cardbind/core/pii';
import { type VerifyRequest, verifyCapability } from '@cardbind/core/provider';
import { validateVerificationInput } from '@cardbind/core/validation';
import type { Context, Hono } from 'hono';
import { runInBackground } from '../background.js';
import { jsonBody } from '../body.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import { requireMerchant, requireWidget } from '../middleware/auth.js';
import { createdWindow, listPage, queryParams } from '../query.js';
import { verificationBody, verificationListQuery } from '../schemas.js';
import { IdempotencyConflict, LEASE_MARGIN_MS, type StoredAnswer } from '../services/idempotency.js';
import { consume, DAY_MS } from '../services/limits.js';
import type { VerificationAnswer } from '../services/verifications.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,128}$/;
const VERIFICATION_ID = /^ver_[0-9a-f]{32}$/;
/** How long an Idempotency-Key keeps its answer. */
const IDEMPOTENCY_TTL_MS = DAY_MS;

/** POST /v1/verifications — 2-, 3- or 4-element verification, idempotent, limited, routed. */
export function verificationRoutes(app: Hono, deps: Deps): void {
  const verifications = deps.verifications;
  app.post('/v1/verifications', async (c) => {
    const idemKey = c.req.header('idempotency-key');
    if (!idemKey) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
    if (!IDEMPOTENCY_KEY.test(idemKey)) throw new ApiError('IDEMPOTENCY_KEY_INVALID');
    const body = await jsonBody(c, verificationBody);
    const capability = verifyCapability(body.kind);
    const claims = await requireWidget(c, deps, capability);

    const input = validateVerificationInput(body.kind, body, { today: new Date(deps.now()) });
    if (!input.valid) {
      const fields = Object.fromEntries(
        Object.entries(input.fields)
          .filter(([, r]) => r && !r.valid)
          .map(([f, r]) => [f, r?.errors]),
      );
      throw new ApiError('INVALID_INPUT', { details: { fields } });
    }
    const v = input.value;
    const card = maskCard(v.cardNumber);
    const fp = deps.fingerprints;
    const cardFp = fp.fingerprint('card', v.cardNumber);
    // A 2-element check takes no ID: nothing to count per ID.
    const idFp = v.idNumber === undefined ? undefined : fp.fingerprint('id', v.idNumber);
    const requestFp = fp.fingerprint(
      'verification',
      `${body.kind}|${v.name}|${v.idNumber ?? ''}|${v.cardNumber}|${v.phone ?? ''}`,
    );
    /** What the provider is sent: only the fields the kind takes. */
    const providerRequest = (orderNo: string): VerifyRequest =>
      v.idNumber === undefined
        ? { kind: 2, orderNo, name: v.name, cardNumber: v.cardNumber }
        : {
            kind: body.kind === 4 ? 4 : 3,
            orderNo,
            name: v.name,
            idNumber: v.idNumber,
            cardNumber: v.cardNumber,
            ...(v.phone ? { phone: v.phone } : {}),
          };

    const verificationId = `ver_${crypto.randomUUID().replace(/-/g, '')}`;
    const createdAt = new Date(deps.now()).toISOString();
    const answer = await deps.idempotency
      .run<PendingVerification>({
        key: `idem:${claims.sub}:${idemKey}`,
        ttlMs: IDEMPOTENCY_TTL_MS,
        fingerprint: requestFp,
        leaseMs: deps.router.budgetMs(capability) + LEASE_MARGIN_MS,
        pending: { id: verificationId, kind: body.kind, card, createdAt },
        resolve: (id: string) => verifications.answer(id),
        inDoubt: async (pending) => {
          c.set('logFields', { merchant: notPii(claims.sub), verification: notPii(pending.id), inDoubt: true });
          // The provider's answer was recorded before the server stopped: that is the answer (its
          // event queued again, should it have been lost with the rest).
          const recorded = await verifications.get(pending.id);
          if (recorded) return record(c, deps, claims.sub, recorded, { saved: true });
          // Or only its event (written beside the record, on a store where the two are separate writes).
          const announced = (await deps.outbox.record(`evt_${pending.id}`))?.event.data as
            | VerificationAnswer
            | undefined;
          if (announced) return record(c, deps, claims.sub, { ...pending, outcome: announced.outcome });
          // The provider may have been called and may have billed: say so, and call no one.
          const outcome = createOutcome('OUTCOME_UNKNOWN', { charged: 'unknown' });
          return record(c, deps, claims.sub, { ...pending, outcome });
        },
        work: async (steps) => {
          const now = deps.now();
          const limits = deps.config.limits;
          const cacheMs = deps.config.resultCacheSeconds * 1000;
          const cacheKey = cacheMs > 0 ? `result-cache:${claims.sub}:${requestFp}` : undefined;
          const attempt = consume(
            deps.store,
            `session:${claims.jti}`,
            limits.sessionAttempts,
            deps.config.tokenTtlSeconds * 1000,
            'SESSION_ATTEMPTS_EXCEEDED',
            now,
          );
          // The session's attempt is counted even when the cache answers; the two do not wait on each other.
          let cached: string | undefined;
          if (cacheKey) [, cached] = await Promise.all([attempt, deps.store.get(cacheKey)]);
          else await attempt;
          if (cached !== undefined) {
            // Answered without a provider call: nothing is charged and the bank sees no attempt.
            const { id, outcome } = JSON.parse(cached) as { id: string; outcome: Outcome };
            c.set('logFields', {
              merchant: notPii(claims.sub),
              verification: notPii(id),
              cached: true,
              outcome: notPii(outcome.status),
            });
            return { status: 200, body: { id, card, outcome, cached: true } };
          }
          // Independent counters, counted together: one round trip's wait instead of two. (So a request
          // refused for its card still counted its ID, and the other way round: both were attempts.)
          const perCard = consume(deps.store, `card:${cardFp}`, limits.cardPerDay, DAY_MS, 'CARD_DAILY_LIMIT', now);
          if (idFp) {
            const perId = consume(deps.store, `id:${idFp}`, limits.idPerDay, DAY_MS, 'ID_DAILY_LIMIT', now);
            await Promise.all([perCard, perId]);
          } else await perCard;
          const routed = await deps.router.verify(capability, providerRequest(verificationId.slice(4, 36)), {
            deadline: steps.leaseUntil,
            beforeCall: steps.foreignCall,
          });
          c.set('logFields', {
            merchant: notPii(claims.sub),
            verification: notPii(verificationId),
            provider: notPii(routed.providerId),
            outcome: notPii(routed.outcome.status),
            reason: notPii(routed.outcome.reason),
            card,
          });
          // The provider's answer is recorded first; the cache is only a shortcut for later requests.
          const answered = record(c, deps, claims.sub, {
            id: verificationId,
            kind: body.kind,
            card,
            createdAt,
            outcome: routed.outcome,
          });
          if (cacheKey && routed.outcome.status === 'verified') {
            const cachedAnswer = JSON.stringify({ id: verificationId, outcome: routed.outcome });
            answered.alongside = Promise.all([answered.alongside, deps.store.set(cacheKey, cachedAnswer, cacheMs)]);
          }
          return answered;
        },
      })
      .catch((error: unknown) => {
        throw error instanceof IdempotencyConflict ? conflictError(error) : error;
      });
    if (answer.replayed) {
      setAnswerHeader(c, 'idempotent-replayed', 'true');
      c.set('logFields', { merchant: notPii(claims.sub), replayed: true });
    }
    return json(c, answer.body, answer.status);
  });

  /** The merchant's verifications in a window of creation times, oldest first (reconciliation). */
  app.get('/v1/verifications', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const query = queryParams(c, verificationListQuery);
    const window = createdWindow(query, deps.now());
    const after = query.startingAfter ? await verifications.get(query.startingAfter) : undefined;
    if (query.startingAfter && after?.merchant !== merchant) throw new ApiError('VERIFICATION_NOT_FOUND');
    const cursor = after && { member: after.id, at: Date.parse(after.createdAt) };
    const page = await listPage(window, query.limit, cursor, (from, to, limit, afterId) =>
      verifications.list(merchant, from, to, limit, afterId),
    );
    return json(c, { data: page.data.map(({ merchant: _owner, ...view }) => view), hasMore: page.hasMore });
  });

  /** The merchant's server reads a verification back: the browser's report is only a hint. */
  app.get('/v1/verifications/:id', async (c) => {
    const merchant = await requireMerchant(c, deps);
    const id = c.req.param('id');
    const record = VERIFICATION_ID.test(id) ? await verifications.get(id) : undefined;
    if (!record || record.merchant !== merchant) throw new ApiError('VERIFICATION_NOT_FOUND');
    const { merchant: _owner, ...view } = record;
    return json(c, view);
  });
}

/** What a claim keeps of a verification before its provider is called: enough to answer for it. */
interface PendingVerification {
  id: string;
  kind: 2 | 3 | 4;
  /** Masked. */
  card: string;
  createdAt: string;
}

/**
 * The verification's record (what the merchant's server reads back; unless `saved` already) and its
 * event, written with the idempotency answer that refers to the record.
 */
function record(
  c: Context,
  deps: Deps,
  merchant: string,
  verification: PendingVerification & { outcome: Outcome },
  { saved = false } = {},
): StoredAnswer & { alongside: Promise<unknown> } {
  const { id, card, outcome, kind, createdAt } = verification;
  const result: VerificationAnswer = { id, card, outcome };
  const recorded = saved
    ? Promise.resolve()
    : deps.verifications.save({ id, kind, card, outcome, createdAt, merchant });
  // (A merchant without a webhook for results costs no event: nothing is queued, nothing awaited.)
  const alongside = deps.outbox.takes('verification.completed', merchant)
    ? Promise.all([recorded, deps.outbox.enqueue('verification.completed', merchant, `evt_${id}`, result)]).then(
        ([, eventId]) => {
          if (eventId) runInBackground(c, deps.outbox.deliver(eventId));
        },
      )
    : recorded;
  return { status: 200, body: result, alongside, ref: id };
}

function conflictError(conflict: IdempotencyConflict): ApiError {
  return conflict.reason === 'reused'
    ? new ApiError('IDEMPOTENCY_KEY_REUSED')
    : new ApiError('IDEMPOTENCY_IN_PROGRESS', { retryAfter: conflict.retryAfter });
}
