import { type Outcome, outcomeFromError } from '@cardbind/core/outcome';
import { notPii } from '@cardbind/core/pii';
import type { Capability, Logger, OwnedCallContext, Provider, VerifyRequest } from '@cardbind/core/provider';
import { ApiError } from '../errors.js';
import type { Store } from '../store/types.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import { admitPaced, MAX_PACING_WAIT_MS, sleep } from './pacing.js';

export interface RouterOptions {
  providers: Map<string, Provider>;
  routing: Partial<Record<Capability, string[]>>;
  providerQps: Record<string, number>;
  store: Store;
  /** A fresh call context (deadline, clock, logger, fetch) per provider call. */
  callContext: () => OwnedCallContext;
  /** The deadline each call context gets (ms): what a call may take at most. */
  timeoutMs: number;
  now: () => number;
  logger: Logger;
  /** Consecutive unavailable answers that open a provider's circuit, and for how long. */
  breaker?: { failures: number; openMs: number };
  /** Each provider call's span and metrics; skips, failovers and pacing waits are counted. */
  telemetry?: Telemetry;
}

/** What the caller asks of a routed call beyond the request. */
export interface RouteOptions {
  /** No provider call is started unless it can end (its timeout, its pacing) by then (ms since the epoch). */
  deadline?: number;
  /** Runs right before each provider call is sent (the idempotency claim learns that the provider may be called). */
  beforeCall?: () => void;
}

export interface Routed {
  providerId: string;
  outcome: Outcome;
  /** Providers tried before the answering one, in order. */
  skipped: string[];
}

/**
 * Sends a verification to the first provider that can take it: in the
 * configured order, skipping open circuits and providers at their QPS cap
 * (shared through the store), failing over only while nothing can have been
 * charged — a charged or charge-unknown answer is final.
 */
export class ProviderRouter {
  readonly #o: RouterOptions;
  readonly #breaker: { failures: number; openMs: number };

  constructor(options: RouterOptions) {
    this.#o = options;
    this.#breaker = options.breaker ?? { failures: 5, openMs: 30_000 };
  }

  /** Providers with a failure count this instance wrote and no success has cleared since. */
  readonly #failing = new Set<string>();

  /** Per capability, the configured providers that have it, in order: fixed for the app's life. */
  readonly #candidates = new Map<Capability, Provider[]>();

  candidates(capability: Capability): Provider[] {
    let found = this.#candidates.get(capability);
    if (!found) {
      found = (this.#o.routing[capability] ?? [])
        .map((id) => this.#o.providers.get(id))
        .filter((p): p is Provider => p?.capabilities.has(capability) === true);
      this.#candidates.set(capability, found);
    }
    return found;
  }

  /**
   * How long a routed call may take at most: every candidate's deadline and pacing wait, one after
   * the other (what an idempotency claim's lease must cover).
   */
  budgetMs(capability: Capability): number {
    return this.candidates(capability).length * (this.#o.timeoutMs + MAX_PACING_WAIT_MS);
  }

  async verify(
    capability: 'verify2' | 'verify3' | 'verify4',
    request: VerifyRequest,
    options: RouteOptions = {},
  ): Promise<Routed> {
    const skipped: string[] = [];
    let last: Routed | undefined;
    const metrics = this.#o.telemetry?.metrics;
    for (const provider of this.candidates(capability)) {
      // A call that could outlive the deadline is not started: the caller's claim would lapse under it.
      if (options.deadline !== undefined && this.#o.now() + this.#o.timeoutMs + MAX_PACING_WAIT_MS > options.deadline) {
        break;
      }
      const passedBy =
        (await this.#o.store.get(`breaker:open:${provider.id}`)) !== undefined
          ? 'circuit_open'
          : !(await this.#underQps(provider.id))
            ? 'qps_cap'
            : undefined;
      if (passedBy) {
        metrics?.providerSkipped(provider.id, passedBy);
        skipped.push(provider.id);
        continue;
      }
      options.beforeCall?.();
      const outcome = await this.#call(provider, request);
      await this.#record(provider.id, outcome);
      last = { providerId: provider.id, outcome, skipped: [...skipped] };
      if (outcome.status !== 'unavailable' || outcome.charged !== false) return last;
      this.#o.logger.warn('provider.failover', { provider: notPii(provider.id), reason: notPii(outcome.reason) });
      metrics?.failover(provider.id);
      skipped.push(provider.id);
    }
    if (last) return last;
    throw new ApiError('NO_PROVIDER', { retryAfter: 1 });
  }

  /** One verification call: an outcome always (a thrown error becomes one), its context released. */
  #call(provider: Provider, request: VerifyRequest): Promise<Outcome> {
    const send = async () => {
      const ctx = this.#o.callContext();
      try {
        return (await provider.verify?.(request, ctx)) ?? outcomeFromError(provider.id, new Error('no verify'));
      } catch (error) {
        return outcomeFromError(provider.id, error);
      } finally {
        ctx.release();
      }
    };
    const telemetry = this.#o.telemetry;
    if (!telemetry?.enabled) return send();
    return telemetry.providerCall(provider.id, 'verify', send, (outcome) => ({
      outcome: outcome.status,
      reason: outcome.reason,
      charged: outcome.charged,
    }));
  }

  /** The provider's QPS across every instance, paced through the shared store. */
  async #underQps(providerId: string): Promise<boolean> {
    const cap = this.#o.providerQps[providerId];
    if (!cap) return true;
    const metrics = this.#o.telemetry?.metrics;
    const wait = metrics
      ? (ms: number) => {
          metrics.pacingWait(providerId, ms / 1000);
          return sleep(ms);
        }
      : sleep;
    return admitPaced(this.#o.store, `qps:${providerId}`, cap, this.#o.now, wait);
  }

  async #record(providerId: string, outcome: Outcome): Promise<void> {
    const key = `breaker:failures:${providerId}`;
    if (outcome.status !== 'unavailable') {
      // A success resets the count. On a store of this process alone, the count is known to be
      // absent unless a failure was recorded here, and then nothing is written.
      if (this.#o.store.shared || this.#failing.delete(providerId)) await this.#o.store.delete(key);
      return;
    }
    this.#failing.add(providerId);
    const failures = await this.#o.store.increment(key, this.#breaker.openMs);
    if (failures >= this.#breaker.failures) {
      await this.#o.store.set(`breaker:open:${providerId}`, '1', this.#breaker.openMs);
      await this.#o.store.delete(key);
      this.#o.logger.warn('provider.circuit_open', { provider: notPii(providerId) });
    }
  }
}
