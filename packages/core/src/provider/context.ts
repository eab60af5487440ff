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

/**
 * A signal that aborts with a `TimeoutError` after `ms`. Not `AbortSignal.timeout`: on Node that
 * signal is made transferable, which cost more than the HMACs of a whole provider call.
 */
function deadline(ms: number): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  );
  // Node and Bun: the deadline does not keep the process alive (other runtimes' timers have no unref).
  (timer as { unref?: () => void }).unref?.();
  return controller.signal;
}

/** A call context with the runtime's defaults for whatever is not injected. */
export function createCallContext(options: CallContextOptions = {}): CallContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = deadline(timeoutMs);
  return {
    transport: options.transport ?? fetchTransport(options.fetch),
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? randomBytes,
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    timeoutMs,
    logger: options.logger ?? silentLogger,
  };
}
