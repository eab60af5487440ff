import type { Logger } from '@cardbind/core/contract';
import { DAY_MS } from '../records/limits.js';
import { keys, queues } from '../store/keys.js';
import type { Store } from '../store/types.js';
import type { GaugeSources, Metrics, ProviderAction, ProviderCallRecord, SkipReason } from '../telemetry/metrics.js';

/** Upper bounds (ms) of the latency buckets; the last one takes everything slower. */
export const LATENCY_BUCKETS_MS = [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, Number.POSITIVE_INFINITY];

/** Days are China Standard Time days (UTC+08:00, no daylight saving): the providers bill by them. */
export const DAY_OFFSET_MS = 8 * 3_600_000;
/** How long a day's counts are kept. */
const KEEP_DAYS = 35;
/** An instance writes its counts at most this often (and when they are read, and when it closes). */
const FLUSH_EVERY_MS = 5_000;

/** `YYYY-MM-DD` of the China Standard Time day `ms` falls in. */
export const dayOf = (ms: number) => new Date(ms + DAY_OFFSET_MS).toISOString().slice(0, 10);
/** The first millisecond of a `YYYY-MM-DD` day. */
export const dayStart = (day: string) => Date.parse(`${day}T00:00:00+08:00`);

/** One day's counts: names and numbers only, never anything a cardholder typed. */
export interface DayCounts {
  /** `provider|action|outcome|charged` → calls. */
  calls: Record<string, number>;
  /** `provider|action` → calls per LATENCY_BUCKETS_MS bucket. */
  latency: Record<string, number[]>;
  /** provider → calls that answered `unavailable` with nothing charged, after which the next provider was tried. */
  failovers: Record<string, number>;
  /** `provider|reason` → times the router passed the provider by. */
  skipped: Record<string, number>;
  webhooks: { delivered: number; failed: number; dead: number };
}

const emptyDay = (): DayCounts => ({
  calls: {},
  latency: {},
  failovers: {},
  skipped: {},
  webhooks: { delivered: 0, failed: 0, dead: 0 },
});

const add = (into: Record<string, number>, key: string, by = 1) => {
  into[key] = (into[key] ?? 0) + by;
};

/** The bucket counts under `key`, made when there are none. */
function bucketsOf(latency: Record<string, number[]>, key: string): number[] {
  let buckets = latency[key];
  if (!buckets) {
    buckets = LATENCY_BUCKETS_MS.map(() => 0);
    latency[key] = buckets;
  }
  return buckets;
}

/** Adds `day` into `into` (the counts of several instances for one day). */
export function mergeDay(into: DayCounts, day: DayCounts): DayCounts {
  for (const [k, n] of Object.entries(day.calls)) add(into.calls, k, n);
  for (const [k, n] of Object.entries(day.failovers)) add(into.failovers, k, n);
  for (const [k, n] of Object.entries(day.skipped)) add(into.skipped, k, n);
  for (const [k, buckets] of Object.entries(day.latency)) {
    const sum = bucketsOf(into.latency, k);
    buckets.forEach((n, i) => {
      sum[i] = (sum[i] ?? 0) + n;
    });
  }
  into.webhooks.delivered += day.webhooks.delivered;
  into.webhooks.failed += day.webhooks.failed;
  into.webhooks.dead += day.webhooks.dead;
  return into;
}

/**
 * The operations page's numbers: provider calls by outcome and `charged`, their latencies,
 * failovers and skips, webhook attempts, per day. A metrics sink like the Prometheus one, so the
 * app reports to it the same way; kept in this process's memory and written to the store as one
 * record per instance and day (no write on the request path, no counter shared between
 * instances to contend on). Reading sums the day's records of every instance.
 */
export class OperationsStats implements Metrics {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #logger: Logger;
  /** Names this instance's records apart from any other's, and from its own earlier runs. */
  readonly #instance = crypto.randomUUID();
  readonly #days = new Map<string, DayCounts>();
  /** Days counted since their last write. */
  readonly #dirty = new Set<string>();
  /** Days whose record the index already names. */
  readonly #indexed = new Set<string>();
  #flushedAt = 0;
  #flushing: Promise<void> | undefined;
  #trimmedDay = '';
  /** What the gauges read (the breaker, the backlog): given by the app once it is built. */
  sources: GaugeSources | undefined;

  constructor(store: Store, now: () => number, logger: Logger) {
    this.#store = store;
    this.#now = now;
    this.#logger = logger;
  }

  /** Today's counts, and when today ends: the day's name is made once a day, not once a call. */
  #current: { day: string; counts: DayCounts; endsAt: number } | undefined;

  #today(): DayCounts {
    const now = this.#now();
    if (!this.#current || now >= this.#current.endsAt || now < this.#current.endsAt - DAY_MS) {
      const day = dayOf(now);
      const counts = this.#days.get(day) ?? emptyDay();
      this.#days.set(day, counts);
      this.#current = { day, counts, endsAt: dayStart(day) + DAY_MS };
      // Only today and yesterday are still counted into; older days are on the store.
      for (const old of this.#days.keys()) if (old < dayOf(now - DAY_MS)) this.#days.delete(old);
    }
    const { day, counts } = this.#current;
    this.#dirty.add(day);
    if (now - this.#flushedAt >= FLUSH_EVERY_MS && !this.#flushing) {
      this.flush().catch(() => this.#logger.warn('operations.stats_unsaved'));
    }
    return counts;
  }

  providerCall({ provider, action, outcome, charged, seconds }: ProviderCallRecord): void {
    const day = this.#today();
    add(day.calls, `${provider}|${action}|${outcome}|${charged}`);
    const ms = seconds * 1000;
    const buckets = bucketsOf(day.latency, `${provider}|${action}`);
    const i = LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
    buckets[i] = (buckets[i] ?? 0) + 1;
  }

  providerSkipped(provider: string, reason: SkipReason): void {
    add(this.#today().skipped, `${provider}|${reason}`);
  }

  failover(provider: string): void {
    add(this.#today().failovers, provider);
  }

  webhookAttempt(result: 'delivered' | 'failed'): void {
    this.#today().webhooks[result]++;
  }

  webhookDead(): void {
    this.#today().webhooks.dead++;
  }

  request(): void {}
  pacingWait(): void {}

  observe(sources: GaugeSources): void {
    this.sources = sources;
  }

  /** Writes this instance's counts of the days counted since the last write. */
  flush(): Promise<void> {
    // One write at a time; a flush asked for meanwhile waits for it and writes what came since.
    const previous = this.#flushing ?? Promise.resolve();
    const run = previous.then(() => this.#write());
    const tracked = run.finally(() => {
      if (this.#flushing === tracked) this.#flushing = undefined;
    });
    this.#flushing = tracked;
    return tracked;
  }

  async #write(): Promise<void> {
    this.#flushedAt = this.#now();
    const days = [...this.#dirty];
    this.#dirty.clear();
    const today = dayOf(this.#now());
    try {
      await Promise.all(
        days.map(async (day) => {
          const counts = this.#days.get(day);
          if (!counts) return;
          const member = `${day}:${this.#instance}`;
          await this.#store.set(keys.operationsDay(member), JSON.stringify(counts), KEEP_DAYS * DAY_MS);
          if (!this.#indexed.has(day)) {
            await this.#store.index(queues.operationsDays, member, dayStart(day));
            this.#indexed.add(day);
          }
        }),
      );
      if (this.#trimmedDay !== today) {
        this.#trimmedDay = today;
        await this.#store.trim(queues.operationsDays, dayStart(today) - KEEP_DAYS * DAY_MS);
      }
    } catch (error) {
      // Written again with the next flush.
      for (const day of days) this.#dirty.add(day);
      throw error;
    }
  }

  /** Every instance's counts for each day from `from` to `to` (`YYYY-MM-DD`), this one's written first. */
  async read(from: string, to: string): Promise<Map<string, DayCounts>> {
    await this.flush();
    const members = await this.#store.range(queues.operationsDays, dayStart(from), dayStart(to), 10_000);
    const records = await Promise.all(members.map((m) => this.#store.get(keys.operationsDay(m))));
    const days = new Map<string, DayCounts>();
    members.forEach((member, i) => {
      const text = records[i];
      if (text === undefined) return;
      const day = member.slice(0, 10);
      days.set(day, mergeDay(days.get(day) ?? emptyDay(), JSON.parse(text) as DayCounts));
    });
    return days;
  }
}

/** The upper bound of the bucket the `q` quantile falls in (`undefined` for no calls). */
export function latencyQuantile(buckets: readonly number[], q: number): number | undefined {
  const total = buckets.reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  let seen = 0;
  for (const [i, n] of buckets.entries()) {
    seen += n;
    if (seen >= q * total) return LATENCY_BUCKETS_MS[i];
  }
  return LATENCY_BUCKETS_MS.at(-1);
}

export type { ProviderAction };
