import type { Logger } from '@cardbind/core/contract';
import { notPii } from '@cardbind/core/pii';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

export interface BreakerOptions {
  /** Consecutive unavailable answers that open a provider's circuit. */
  failures: number;
  /** How long it stays open. */
  openMs: number;
}

/**
 * Each provider's circuit breaker, in the store (shared by every instance on a shared store):
 * after `failures` unavailable answers in a row its circuit opens for `openMs`, and no call is
 * sent to it meanwhile.
 */
export class CircuitBreaker {
  readonly #store: Store;
  readonly #logger: Logger;
  readonly #options: BreakerOptions;
  /** Providers with a failure count this instance wrote and no success has cleared since. */
  readonly #failing = new Set<string>();

  constructor(store: Store, logger: Logger, options: BreakerOptions = { failures: 5, openMs: 30_000 }) {
    this.#store = store;
    this.#logger = logger;
    this.#options = options;
  }

  async isOpen(provider: string): Promise<boolean> {
    return (await this.state(provider)).open;
  }

  /**
   * Whether the circuit is open, and whether a failure count is standing: both read at once, so a
   * caller can read them beside its other first reads, and a success costs no write unless a
   * failure was counted.
   */
  async state(provider: string): Promise<BreakerState> {
    const [open, failures] = await Promise.all([
      this.#store.get(keys.breakerOpen(provider)),
      this.#store.shared ? this.#store.get(keys.breakerFailures(provider)) : undefined,
    ]);
    return { open: open !== undefined, failing: failures !== undefined || this.#failing.has(provider) };
  }

  /**
   * Counts a call's answer: an unavailable one towards opening the circuit, any other resets the
   * count (`seen`: the state read before the call; without it the count is reset blind).
   */
  async record(provider: string, unavailable: boolean, seen?: BreakerState): Promise<void> {
    const key = keys.breakerFailures(provider);
    if (!unavailable) {
      // A success resets the count, written only when there may be one: counted here, or seen
      // standing before the call (a count another instance starts meanwhile lapses after
      // `openMs`, as any count does). On a store of this process alone, only one counted here.
      const standing = this.#failing.delete(provider) || (this.#store.shared && (seen?.failing ?? true));
      if (standing) await this.#store.delete(key);
      return;
    }
    this.#failing.add(provider);
    const failures = await this.#store.increment(key, this.#options.openMs);
    if (failures >= this.#options.failures) {
      await this.#store.set(keys.breakerOpen(provider), '1', this.#options.openMs);
      await this.#store.delete(key);
      this.#logger.warn('provider.circuit_open', { provider: notPii(provider) });
    }
  }
}

/** A provider's circuit as read before a call. */
export interface BreakerState {
  open: boolean;
  /** A failure count may be standing: a success must reset it. */
  failing: boolean;
}
