import {
  type CallContext,
  type Capability,
  canServe,
  type Logger,
  type OwnedCallContext,
  type Provider,
  type ProviderFor,
} from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import { Refusal } from '../refusals.js';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';
import type { ProviderAction } from '../telemetry/metrics.js';
import type { CallSummary, Telemetry } from '../telemetry/telemetry.js';
import type { BreakerState, CircuitBreaker } from './breaker.js';
import { admitPaced, MAX_PACING_WAIT_MS, sleep } from './pacing.js';

/** One call to a provider: what it sends, and how its result is told (for the breaker, failover, telemetry). */
export interface CallPlan<P extends Provider, T> {
  /** Its name in spans and metrics. */
  action: ProviderAction;
  send(provider: P, ctx: CallContext): Promise<T>;
  /** A fault (a timeout, a broken answer) as the call's result. */
  failed(provider: P, error: unknown): T;
  /** What came of it: `outcome: 'unavailable'` counts towards the breaker, and fails over if nothing was charged. */
  summary(result: T): CallSummary;
}

export interface RouteOptions<P extends Provider> {
  /** No call is started unless it can end (its timeout and pacing) by then (ms since the epoch). */
  deadline?: number;
  /** Runs right before each call is sent (a claim learns the provider may be called; an order is written). */
  beforeCall?: (provider: P) => Promise<void> | void;
  /** The candidates' circuits, read earlier beside other reads (`prepare`): no read of its own then. */
  prepared?: Prepared;
}

/** The candidates' circuits for a capability, read ahead (a map from provider id to its read). */
export type Prepared = ReadonlyMap<string, Promise<BreakerState>>;

export interface Routed<P extends Provider, T> {
  provider: P;
  result: T;
  /** Providers passed by before the answering one, in order. */
  skipped: string[];
}

export interface ProviderCallsOptions {
  providers: Map<string, Provider>;
  routing: Partial<Record<Capability, string[]>>;
  providerQps: Record<string, number>;
  /** Where the pacing slots are counted (shared with every instance on a shared store). */
  store: Store;
  breaker: CircuitBreaker;
  /** A fresh call context (deadline, clock, logger, transport) per provider call. */
  callContext: () => OwnedCallContext;
  /** The deadline each call context gets (ms). */
  timeoutMs: number;
  now: () => number;
  logger: Logger;
  telemetry: Telemetry;
}

/**
 * The one way the BFF calls a provider: a fresh context released after the call, its deadline,
 * the circuit breaker, the provider's QPS paced across instances, the call's span and metrics,
 * and failover in the configured order while nothing can have been charged (a charged or
 * charge-unknown answer is final). Verification, bind create and reconciliation's query go
 * through it; a notification is no call of ours and only shares the context and telemetry.
 */
export class ProviderCalls {
  readonly #o: ProviderCallsOptions;
  /** Per capability, the configured providers that have it, in order: fixed for the app's life. */
  readonly #candidates = new Map<Capability, Provider[]>();

  constructor(options: ProviderCallsOptions) {
    this.#o = options;
  }

  candidates<C extends Capability>(capability: C): ProviderFor<C>[] {
    let found = this.#candidates.get(capability);
    if (!found) {
      found = (this.#o.routing[capability] ?? [])
        .map((id) => this.#o.providers.get(id))
        .filter((p): p is Provider => p !== undefined && canServe(p, capability));
      this.#candidates.set(capability, found);
    }
    return found as ProviderFor<C>[];
  }

  /** The longest a routed call can take: every candidate's deadline and pacing wait, one after the other. */
  budgetMs(capability: Capability): number {
    return this.candidates(capability).length * (this.#o.timeoutMs + MAX_PACING_WAIT_MS);
  }

  /**
   * Reads the circuits of the capability's candidates now, to be handed to `route`: a caller
   * starts this beside its own first store reads, so the route's reads cost no round trip of
   * their own. (Read failures surface in `route`, where they are awaited.)
   */
  prepare(capability: Capability): Prepared {
    const states = new Map<string, Promise<BreakerState>>();
    for (const provider of this.candidates(capability)) {
      const state = this.#o.breaker.state(provider.id);
      state.catch(() => undefined);
      states.set(provider.id, state);
    }
    return states;
  }

  /** Sends the plan to the first provider that can take it; NO_PROVIDER when none can. */
  async route<C extends Capability, T>(
    capability: C,
    plan: CallPlan<ProviderFor<C>, T>,
    options: RouteOptions<ProviderFor<C>> = {},
  ): Promise<Routed<ProviderFor<C>, T>> {
    const skipped: string[] = [];
    let last: Routed<ProviderFor<C>, T> | undefined;
    const metrics = this.#o.telemetry.metrics;
    for (const provider of this.candidates(capability)) {
      // A call that could outlive the deadline is not started: the caller's claim would lapse under it.
      if (options.deadline !== undefined && this.#o.now() + this.#o.timeoutMs + MAX_PACING_WAIT_MS > options.deadline) {
        break;
      }
      const state = await (options.prepared?.get(provider.id) ?? this.#o.breaker.state(provider.id));
      const passedBy = await this.#passedBy(provider.id, state, capability);
      if (passedBy) {
        metrics?.providerSkipped(provider.id, passedBy);
        skipped.push(provider.id);
        continue;
      }
      await options.beforeCall?.(provider);
      const { result, summary } = await this.#call(provider, plan, state);
      last = { provider, result, skipped: [...skipped] };
      if (summary.outcome !== 'unavailable' || summary.charged !== false) return last;
      this.#o.logger.warn('provider.failover', {
        provider: notPii(provider.id),
        reason: notPii(summary.reason ?? summary.outcome),
      });
      metrics?.failover(provider.id);
      skipped.push(provider.id);
    }
    if (last) return last;
    throw new Refusal('NO_PROVIDER', { retryAfter: 1 });
  }

  /** Sends the plan to this provider, unless its circuit is open or it is at its QPS (then undefined). */
  async call<P extends Provider, T>(provider: P, plan: CallPlan<P, T>): Promise<T | undefined> {
    const state = await this.#o.breaker.state(provider.id);
    const passedBy = await this.#passedBy(provider.id, state);
    if (passedBy) {
      this.#o.telemetry.metrics?.providerSkipped(provider.id, passedBy);
      return undefined;
    }
    return (await this.#call(provider, plan, state)).result;
  }

  /**
   * Work on a provider's behalf that is no call to it (a notification it sent): a context and
   * telemetry, never refused by the breaker or pacing (a real bank result would be lost).
   */
  async receive<T>(
    provider: Provider,
    action: ProviderAction,
    work: (ctx: CallContext) => Promise<T>,
    summary: (result: T) => CallSummary,
  ): Promise<T> {
    const ctx = this.#o.callContext();
    try {
      return await this.#o.telemetry.providerCall(provider.id, action, () => work(ctx), summary);
    } finally {
      ctx.release();
    }
  }

  /**
   * Whether the provider is passed by: its circuit open, or its QPS used up across instances (its
   * own, or this capability's where the provider counts per product: `<id>:<capability>`).
   */
  async #passedBy(
    provider: string,
    state: BreakerState,
    capability?: Capability,
  ): Promise<'circuit_open' | 'qps_cap' | undefined> {
    if (state.open) return 'circuit_open';
    // Both caps are booked at once (one round trip): a slot booked under one cap when the other
    // refuses is spent unused, which only ever paces more slowly.
    const under = await Promise.all([
      this.#underQps(provider),
      capability ? this.#underQps(`${provider}:${capability}`) : true,
    ]);
    if (under.includes(false)) return 'qps_cap';
    return undefined;
  }

  /** One call: a result always (a thrown error becomes one), its context released, the breaker told. */
  async #call<P extends Provider, T>(
    provider: P,
    plan: CallPlan<P, T>,
    seen: BreakerState,
  ): Promise<{ result: T; summary: CallSummary }> {
    const send = async () => {
      const ctx = this.#o.callContext();
      try {
        return await plan.send(provider, ctx);
      } catch (error) {
        return plan.failed(provider, error);
      } finally {
        ctx.release();
      }
    };
    const result = await this.#o.telemetry.providerCall(provider.id, plan.action, send, plan.summary);
    const summary = plan.summary(result);
    await this.#o.breaker.record(provider.id, summary.outcome === 'unavailable', seen);
    return { result, summary };
  }

  /** A QPS across every instance (a provider's, or `<id>:<capability>`), paced through the shared store. */
  async #underQps(provider: string): Promise<boolean> {
    const cap = this.#o.providerQps[provider];
    if (!cap) return true;
    const metrics = this.#o.telemetry.metrics;
    const wait = metrics
      ? (ms: number) => {
          metrics.pacingWait(provider, ms / 1000);
          return sleep(ms);
        }
      : sleep;
    return admitPaced(this.#o.store, (slot) => keys.qpsSlot(provider, slot), cap, this.#o.now, wait);
  }
}
