import type { Logger } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { TokenService } from '../auth/tokens.js';
import type { Config } from '../config/schema.js';
import { keys, queues } from '../store/keys.js';
import type { Store } from '../store/types.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import { type EventRecord, type EventType, type NewEvent, WEBHOOK_JWS_TYPE, type WebhookEvent } from './events.js';

const QUEUE = queues.webhooks;
/** Each merchant's events that were given up on, by the time they died: what the merchant lists and resends. */
const deadQueue = queues.deadWebhooks;
const RECORD_TTL_MS = 30 * 86_400_000;
const recordKey = keys.event;

export interface OutboxOptions {
  store: Store;
  tokens: TokenService;
  config: Config;
  now: () => number;
  logger: Logger;
  /** Each attempt's span (its `traceparent` goes to the merchant) and the attempt and dead-letter counts. */
  telemetry?: Telemetry;
  /**
   * What the delivery loop polls for due events (default `store`): the untraced store when
   * `store` is traced, or every poll would be a trace of its own, one a second.
   */
  pollStore?: Store;
  fetch?: typeof fetch;
}

/** Counted up to this many: a backlog that long is the alarm, its exact size is not. */
const BACKLOG_COUNT_LIMIT = 10_000;

/** Events waiting for a delivery attempt (due now or later), up to BACKLOG_COUNT_LIMIT. */
export async function webhookBacklog(store: Store): Promise<number> {
  return (await store.due(QUEUE, Number.MAX_SAFE_INTEGER, BACKLOG_COUNT_LIMIT)).length;
}

/**
 * The persisted webhook outbox. An event is written to the store before
 * anything is sent, delivered at least once with exponential backoff, and
 * taken by one worker at a time (a lease in the store), so several
 * instances on one store deliver each event once, and a crash or a
 * merchant outage loses nothing.
 */
export class WebhookOutbox {
  readonly #o: OutboxOptions;
  readonly #fetch: typeof fetch;
  readonly #instance = crypto.randomUUID();

  constructor(options: OutboxOptions) {
    this.#o = options;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Records the event unless the merchant does not take this kind. Adding
   * the same id again is a no-op, except that an event never attempted is
   * scheduled again (repairing a crash between record and schedule).
   */
  async enqueue(next: NewEvent, when: { at?: number; unless?: string } = {}): Promise<string | undefined> {
    const { id, type, merchant } = next;
    if (!this.takes(type, merchant)) return undefined;
    const now = this.#o.now();
    // A future event (`at`) is dated when it is due; `unless` names a key whose presence then cancels it.
    const at = when.at ?? now;
    const event: WebhookEvent = { ...next, created: new Date(at).toISOString() };
    const record: EventRecord = { event, attempts: 0, ...(when.unless ? { unless: when.unless } : {}) };
    const { store, config } = this.#o;
    // The record and its place in the queue are written together (one round trip on a shared
    // store); the rare event that was already there keeps its own course.
    const [fresh] = await Promise.all([
      store.setIfAbsent(recordKey(id), JSON.stringify(record), RECORD_TTL_MS),
      store.schedule(QUEUE, id, at),
    ]);
    if (!fresh) {
      const existing = await this.record(id);
      if (!existing || existing.delivered || existing.dead) await store.unschedule(QUEUE, id);
      else if (existing.attempts > 0)
        await store.schedule(QUEUE, id, now + backoffMs(existing.attempts, config.webhooks));
    }
    return id;
  }

  /** Delivers every event that is due; returns how many were delivered. Polled, or kicked after enqueue. */
  async deliverDue(limit = 25): Promise<number> {
    const ids = await (this.#o.pollStore ?? this.#o.store).due(QUEUE, this.#o.now(), limit);
    const results = await Promise.all(ids.map((id) => this.deliver(id)));
    return results.filter(Boolean).length;
  }

  /**
   * Polls for due events every `pollMs`, one pass at a time (a slow merchant
   * endpoint must not pile passes up). Returns a stop function that waits for
   * the pass under way.
   */
  start(pollMs: number): () => Promise<void> {
    let pass: Promise<unknown> = Promise.resolve();
    const timer = setInterval(() => {
      pass = pass.then(() => this.deliverDue().catch(() => 0));
    }, pollMs);
    return async () => {
      clearInterval(timer);
      await pass;
    };
  }

  /** One attempt at one event, under its lease; true when the merchant acknowledged it. */
  async deliver(id: string): Promise<boolean> {
    const { store, config, logger } = this.#o;
    const leaseKey = keys.eventLease(id);
    // The lease outlives one attempt (its timeout) by a little; a worker that dies mid-attempt
    // holds the event back for that long at most.
    if (!(await store.setIfAbsent(leaseKey, this.#instance, config.webhooks.timeoutMs + 1_000))) return false;
    try {
      const record = await this.record(id);
      const webhook = record && this.#webhookOf(record.event.merchant);
      if (!record || record.delivered || record.dead || !webhook) {
        await store.unschedule(QUEUE, id);
        return false;
      }
      // What it waited on happened (a hosted page's result before its expiry): it never happened.
      if (record.unless && (await store.get(record.unless)) !== undefined) {
        await Promise.all([store.unschedule(QUEUE, id), store.delete(recordKey(id))]);
        return false;
      }
      const status = await this.#attempt(webhook.url, record.event, record.attempts + 1);
      record.attempts += 1;
      const metrics = this.#o.telemetry?.metrics;
      metrics?.webhookAttempt(typeof status === 'number' && status >= 200 && status < 300 ? 'delivered' : 'failed');
      const log = {
        eventId: notPii(id),
        type: notPii(record.event.type),
        attempt: record.attempts,
        answer: typeof status === 'number' ? status : notPii(status),
      };
      if (typeof status === 'number' && status >= 200 && status < 300) {
        record.delivered = new Date(this.#o.now()).toISOString();
        await store.set(recordKey(id), JSON.stringify(record), RECORD_TTL_MS);
        await store.unschedule(QUEUE, id);
        logger.info('webhook.delivered', log);
        return true;
      }
      if (record.attempts >= config.webhooks.maxAttempts) {
        record.dead = true;
        await store.set(recordKey(id), JSON.stringify(record), RECORD_TTL_MS);
        await store.schedule(deadQueue(record.event.merchant), id, this.#o.now());
        await store.unschedule(QUEUE, id);
        metrics?.webhookDead();
        logger.error('webhook.gave_up', log);
        return false;
      }
      await store.set(recordKey(id), JSON.stringify(record), RECORD_TTL_MS);
      await store.schedule(QUEUE, id, this.#o.now() + backoffMs(record.attempts, config.webhooks));
      logger.warn('webhook.retry', log);
      return false;
    } finally {
      await store.delete(leaseKey);
    }
  }

  /** The merchant's dead events, the earliest to die first (those whose record expired are dropped). */
  async dead(merchant: string, limit: number): Promise<EventRecord[]> {
    const { store } = this.#o;
    const ids = await store.due(deadQueue(merchant), Number.MAX_SAFE_INTEGER, limit);
    const records = await Promise.all(ids.map((id) => this.record(id)));
    const found: EventRecord[] = [];
    for (const [i, record] of records.entries()) {
      if (record?.dead && record.event.merchant === merchant) found.push(record);
      else await store.unschedule(deadQueue(merchant), ids[i] as string);
    }
    return found;
  }

  /**
   * Queues a dead or delivered event of the merchant's again, with a fresh round of attempts, and
   * returns it; undefined when there is no such event of theirs, 'pending' while it is being delivered.
   */
  async resend(merchant: string, id: string): Promise<EventRecord | 'pending' | undefined> {
    const record = await this.record(id);
    if (!record || record.event.merchant !== merchant) return undefined;
    if (!record.dead && !record.delivered) return 'pending';
    return this.#requeue(record);
  }

  /** Queues the merchant's dead events again (up to `limit`), from the records the listing read. */
  async resendDead(merchant: string, limit: number): Promise<EventRecord[]> {
    const dead = await this.dead(merchant, limit);
    return Promise.all(dead.map((record) => this.#requeue(record)));
  }

  /** A fresh round of attempts under the same id, off the dead list and due now. */
  async #requeue(record: EventRecord): Promise<EventRecord> {
    const { store } = this.#o;
    const { event } = record;
    const again: EventRecord = { event, attempts: 0, resent: (record.resent ?? 0) + 1 };
    await store.set(recordKey(event.id), JSON.stringify(again), RECORD_TTL_MS);
    await store.unschedule(deadQueue(event.merchant), event.id);
    await store.schedule(QUEUE, event.id, this.#o.now());
    return again;
  }

  /** The stored record of an event: delivered, attempts, given up. */
  async record(id: string): Promise<EventRecord | undefined> {
    const raw = await this.#o.store.get(recordKey(id));
    return raw === undefined ? undefined : (JSON.parse(raw) as EventRecord);
  }

  /** Whether the merchant takes events of this type (has a webhook, and asked for verification results). */
  takes(type: EventType, merchant: string): boolean {
    const webhook = this.#webhookOf(merchant);
    return webhook !== undefined && (type !== 'verification.completed' || webhook.verificationResults === true);
  }

  #webhookOf(merchant: string) {
    return this.#o.config.merchants.find((m) => m.id === merchant)?.webhook;
  }

  /** One attempt, in a client span when tracing: its `traceparent` lets the merchant's trace join ours. */
  #attempt(url: string, event: WebhookEvent, attempt: number): Promise<number | string> {
    const tracer = this.#o.telemetry?.tracer;
    if (!tracer) return this.#post(url, event);
    const attributes = { 'cardbind.webhook.event_type': event.type, 'cardbind.webhook.attempt': attempt };
    return tracer.startActiveSpan('webhook deliver', { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        const status = await this.#post(url, event);
        if (typeof status === 'number') span.setAttribute('http.response.status_code', status);
        else span.setAttribute('error.type', status);
        if (typeof status !== 'number' || status >= 300) span.setStatus({ code: SpanStatusCode.ERROR });
        return status;
      } finally {
        span.end();
      }
    });
  }

  /** The HTTP status, or why there was no answer (see noAnswer). */
  async #post(url: string, event: WebhookEvent): Promise<number | string> {
    try {
      const body = await this.#o.tokens.signPayload(event, WEBHOOK_JWS_TYPE);
      const headers: Record<string, string> = {
        'content-type': 'application/jose',
        'cardbind-event-id': event.id,
        'cardbind-event-type': event.type,
        'user-agent': 'cardbind-webhooks/0.1',
      };
      this.#o.telemetry?.inject(headers);
      const res = await this.#fetch(url, {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.#o.config.webhooks.timeoutMs),
      });
      await res.body?.cancel();
      return res.status;
    } catch (error) {
      return noAnswer(error);
    }
  }
}

/**
 * Why an attempt got no answer, as the merchant's operator would look for it: `timeout`, or the
 * connection's own code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`… from Node's fetch, under
 * `cause`); the error's name where the runtime gives nothing more.
 */
function noAnswer(error: unknown): string {
  const { name, cause } = error as Error & { cause?: { code?: unknown } };
  if (name === 'TimeoutError' || name === 'AbortError') return 'timeout';
  return typeof cause?.code === 'string' && /^[A-Z_]{2,40}$/.test(cause.code) ? cause.code : name;
}

/** Exponential backoff: base · 2^(attempt-1), capped. */
export function backoffMs(attempt: number, options: { retryBaseMs: number; retryMaxMs: number }): number {
  return Math.min(options.retryBaseMs * 2 ** (attempt - 1), options.retryMaxMs);
}
