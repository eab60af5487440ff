import { randomBytes } from '../crypto/random.js';
import { type Logger, silentLogger } from './logger.js';
import { fetchTransport, type Transport } from './transport.js';
import type { CallContext } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CallContextOptions {
  /** The fetch the default transport sends with (tests inject a simulator's `app.fetch`). */
  fetch?: typeof fetch;
  /** Sends instead of `fetch` (the BFF's Node transport). */
  transport?: Transport;
  now?: () => number;
  randomBytes?: (length: number) => Uint8Array;
  /** The caller's own cancellation, combined with the timeout. */
  signal?: AbortSignal;
  timeoutMs?: number;
  logger?: Logger;
}

/** A call context as the code that made it holds it: it calls `release()` once the call is over. */
export interface OwnedCallContext extends CallContext {
  /**
   * Ends the deadline: its timer is cleared and `signal` no longer aborts on time. Until then the
   * timer holds the context's signal for the whole timeout, and fires (an abort nobody waits for)
   * even when the call finished long before. Calling it again does nothing.
   */
  release(): void;
}

/**
 * A signal that aborts with a `TimeoutError` after `ms`, and the function that cancels that. Not
 * `AbortSignal.timeout`: on Node that signal is made transferable, which cost more than the HMACs
 * of a whole provider call, and it cannot be cancelled.
 */
function deadline(ms: number): { signal: AbortSignal; cancel: () => void } {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  // Node and Bun: the deadline does not keep the process alive (other runtimes' timers have no unref).
  (timer as { unref?: () => void }).unref?.();
  return { signal: controller.signal, cancel: () => clearTimeout(timer) };
}

/**
 * A call context with the runtime's defaults for whatever is not injected. Release it when the
 * call is over (`try … finally { ctx.release() }`).
 */
export function createCallContext(options: CallContextOptions = {}): OwnedCallContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = deadline(timeoutMs);
  return {
    transport: options.transport ?? fetchTransport(options.fetch),
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? randomBytes,
    signal: options.signal ? AbortSignal.any([options.signal, timeout.signal]) : timeout.signal,
    timeoutMs,
    logger: options.logger ?? silentLogger,
    release: timeout.cancel,
  };
}
