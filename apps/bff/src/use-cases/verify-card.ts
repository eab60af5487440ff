import { type VerifyRequest, verifyCapability, verifyWith } from '@cardbind/core/contract';
import { createOutcome, type Outcome, outcomeFromError } from '@cardbind/core/outcome';
import { maskCard, notPii } from '@cardbind/core/pii';
import { type VerificationFields, validateVerificationInput } from '@cardbind/core/validation';
import type { Deps } from '../deps.js';
import type { CallPlan } from '../providers/calls.js';
import { type Answer, LEASE_MARGIN_MS, type StoredAnswer } from '../records/idempotency.js';
import { consume, DAY_MS, type Limit } from '../records/limits.js';
import type { VerificationAnswer } from '../records/verifications.js';
import { Refusal } from '../refusals.js';
import type { VerificationAnswerBody, VerificationBody } from '../schemas.js';
import { keys, limitNames } from '../store/keys.js';
import type { Scope } from './scope.js';

/** How long an Idempotency-Key keeps its answer. */
const IDEMPOTENCY_TTL_MS = DAY_MS;

export interface VerifyCard {
  merchant: string;
  /** The widget session's id: its attempts are counted. */
  session: string;
  idempotencyKey: string;
  body: VerificationBody;
}

/** A verification's answer. */
type VerificationReply = { status: 200; body: VerificationAnswerBody };

/** What a claim keeps of a verification before its provider is called: enough to answer for it. */
interface PendingVerification {
  id: string;
  kind: 2 | 3 | 4;
  /** Masked. */
  card: string;
  createdAt: string;
}

/**
 * A 2-, 3- or 4-element verification: validated, under its Idempotency-Key (the same key and body
 * get the stored answer, no second provider call), within the session's, card's and ID's limits,
 * answered from the result cache where allowed, else routed to a provider; the outcome recorded
 * (the merchant reads it back) and, if the merchant takes them, announced by webhook.
 */
export async function verifyCard(deps: Deps, scope: Scope, request: VerifyCard): Promise<Answer<VerificationReply>> {
  const { merchant, body } = request;
  const input = validateVerificationInput(body.kind, body, { today: new Date(deps.now()) });
  if (!input.valid) {
    const fields = Object.fromEntries(
      Object.entries(input.fields)
        .filter(([, r]) => r && !r.valid)
        .map(([f, r]) => [f, r?.errors]),
    );
    throw new Refusal('INVALID_INPUT', { details: { fields } });
  }
  const v = input.value;
  const card = maskCard(v.cardNumber);
  const fp = deps.fingerprints;
  const requestFp = fp.fingerprint(
    'verification',
    `${body.kind}|${v.name}|${v.idNumber ?? ''}|${v.cardNumber}|${v.phone ?? ''}`,
  );
  const id = `ver_${crypto.randomUUID().replace(/-/g, '')}`;
  const pending: PendingVerification = { id, kind: body.kind, card, createdAt: new Date(deps.now()).toISOString() };
  const capability = verifyCapability(body.kind);
  const cacheMs = deps.config.resultCacheSeconds * 1000;
  const cacheKey = cacheMs > 0 ? keys.resultCache(merchant, requestFp) : undefined;
  // Read and counted beside the claim, in its round trip: the cached answer, and the session's
  // attempt (counted even when the cache answers; a replay of the key counts too, as a request).
  const cachedRead = cacheKey ? deps.store.get(cacheKey) : Promise.resolve(undefined);
  cachedRead.catch(() => undefined);
  const sessionCounted = consume(deps.store, sessionLimit(deps, request.session), deps.now());
  sessionCounted.catch(() => undefined);
  const prepared = deps.calls.prepare(capability);
  return deps.idempotency.run<PendingVerification, VerificationReply>({
    key: keys.idempotency(merchant, request.idempotencyKey),
    ttlMs: IDEMPOTENCY_TTL_MS,
    fingerprint: requestFp,
    leaseMs: deps.calls.budgetMs(capability) + LEASE_MARGIN_MS,
    pending,
    ...(scope.admit ? { admitted: scope.admit() } : {}),
    resolve: (ref: string) => deps.verifications.answer(ref),
    inDoubt: (left) => answerInDoubt(deps, scope, merchant, left),
    work: async (steps) => {
      // Past the session's attempts, nothing more is counted or asked.
      await sessionCounted;
      const cached = await cachedRead;
      if (cached !== undefined) {
        // Answered without a provider call: nothing is charged and the bank sees no attempt.
        const hit = JSON.parse(cached) as { id: string; outcome: Outcome };
        scope.note({
          merchant: notPii(merchant),
          verification: notPii(hit.id),
          cached: true,
          outcome: notPii(hit.outcome.status),
        });
        return { status: 200, body: { id: hit.id, card, outcome: hit.outcome, cached: true } };
      }
      // The card's and the ID's counts, sent together (one round trip, beside the pacing slot).
      const counted = countHolder(deps, v);
      counted.catch(() => undefined);
      const plan = verificationPlan(providerRequest(v, body.kind, id));
      const routed = await deps.calls
        .route(capability, plan, {
          deadline: steps.leaseUntil,
          prepared,
          // No call before every count has passed.
          beforeCall: async () => {
            await counted;
            steps.foreignCall();
          },
        })
        .catch(async (error: unknown) => {
          await counted; // a refused count is the answer, before "no provider"
          throw error;
        });
      const outcome = routed.result;
      scope.note({
        merchant: notPii(merchant),
        verification: notPii(id),
        provider: notPii(routed.provider.id),
        outcome: notPii(outcome.status),
        reason: notPii(outcome.reason),
        card,
      });
      // The provider's answer is recorded first; the cache is only a shortcut for later requests.
      const answered = recordVerification(deps, scope, merchant, { ...pending, outcome });
      if (cacheKey && outcome.status === 'verified') {
        const kept = JSON.stringify({ id, outcome });
        answered.alongside = Promise.all([answered.alongside, deps.store.set(cacheKey, kept, cacheMs)]);
      }
      return answered;
    },
  });
}

/** The session's attempts: at most `limits.sessionAttempts` in the token's lifetime. */
const sessionLimit = (deps: Deps, session: string): Limit => ({
  name: limitNames.session(session),
  max: deps.config.limits.sessionAttempts,
  windowMs: deps.config.tokenTtlSeconds * 1000,
  code: 'SESSION_ATTEMPTS_EXCEEDED',
});

/**
 * Counts an attempt a provider will be asked about against the card's and the ID's daily limits,
 * both at once: a request refused for its card still counted its ID, and the other way round
 * (both were attempts). A 2-element check takes no ID: nothing to count per ID.
 */
function countHolder(deps: Deps, v: VerificationFields) {
  const { limits } = deps.config;
  const now = deps.now();
  const fp = deps.fingerprints;
  const card = limitNames.card(fp.fingerprint('card', v.cardNumber));
  const counts: Limit[] = [{ name: card, max: limits.cardPerDay, windowMs: DAY_MS, code: 'CARD_DAILY_LIMIT' }];
  if (v.idNumber !== undefined) {
    const id = limitNames.id(fp.fingerprint('id', v.idNumber));
    counts.push({ name: id, max: limits.idPerDay, windowMs: DAY_MS, code: 'ID_DAILY_LIMIT' });
  }
  return Promise.all(counts.map((limit) => consume(deps.store, limit, now))).then(() => undefined);
}

/** A verification through the one provider call path: an outcome always. */
function verificationPlan(request: VerifyRequest): CallPlan<Parameters<typeof verifyWith>[0], Outcome> {
  return {
    action: 'verify',
    send: (provider, ctx) => verifyWith(provider, request, ctx),
    failed: (provider, error) => outcomeFromError(provider.id, error),
    summary: (outcome) => ({ outcome: outcome.status, reason: outcome.reason, charged: outcome.charged }),
  };
}

/**
 * What the provider is sent: only the fields the kind takes (a valid input of the kind has them),
 * under the provider order number the id makes.
 */
function providerRequest(v: VerificationFields, kind: 2 | 3 | 4, id: string): VerifyRequest {
  const base = { orderNo: id.slice(4, 36), name: v.name, cardNumber: v.cardNumber };
  if (kind === 2) return { kind, ...base };
  if (kind === 3) return { kind, ...base, idNumber: v.idNumber ?? '' };
  return { kind, ...base, idNumber: v.idNumber ?? '', phone: v.phone ?? '' };
}

/**
 * The answer for a verification whose server stopped after it may have called the provider: the
 * outcome, if it was recorded (or its event was); otherwise OUTCOME_UNKNOWN, which the record and
 * the webhook say too. No provider is called again.
 */
async function answerInDoubt(deps: Deps, scope: Scope, merchant: string, pending: PendingVerification) {
  scope.note({ merchant: notPii(merchant), verification: notPii(pending.id), inDoubt: true });
  const recorded = await deps.verifications.get(pending.id);
  if (recorded) return recordVerification(deps, scope, merchant, recorded, { saved: true });
  // Or only its event (written beside the record, on a store where the two are separate writes).
  const announced = (await deps.outbox.record(`evt_${pending.id}`))?.event.data as VerificationAnswer | undefined;
  if (announced) return recordVerification(deps, scope, merchant, { ...pending, outcome: announced.outcome });
  const outcome = createOutcome('OUTCOME_UNKNOWN', { charged: 'unknown' });
  return recordVerification(deps, scope, merchant, { ...pending, outcome });
}

/**
 * The verification's record (what the merchant's server reads back; unless `saved` already) and its
 * event, written with the idempotency answer that refers to the record.
 */
function recordVerification(
  deps: Deps,
  scope: Scope,
  merchant: string,
  verification: PendingVerification & { outcome: Outcome },
  { saved = false } = {},
): StoredAnswer<VerificationReply> & { alongside: Promise<unknown> } {
  const { id, card, outcome, kind, createdAt } = verification;
  const result: VerificationAnswer = { id, card, outcome };
  const recorded = saved
    ? Promise.resolve()
    : deps.verifications.save({ id, kind, card, outcome, createdAt, merchant });
  // (A merchant without a webhook for results costs no event: nothing is queued, nothing awaited.)
  const alongside = deps.outbox.takes('verification.completed', merchant)
    ? Promise.all([
        recorded,
        deps.outbox.enqueue({ type: 'verification.completed', merchant, id: `evt_${id}`, data: result }),
      ]).then(([, eventId]) => {
        if (eventId) scope.later(deps.outbox.deliver(eventId));
      })
    : recorded;
  return { status: 200, body: result, alongside, ref: id };
}
