import { randomBytes } from '../crypto/random.js';
import { type Logger, silentLogger } from './logger.js';
import type { CallContext } from './types.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

export interface CallContextOptions {
  fetch?: typeof fetch;
  now?: () => number;
  randomBytes?: (length: number) => Uint8Array;
  /** The caller's own cancellation, combined with the timeout. */
  signal?: AbortSignal;
  timeoutMs?: number;
  logger?: Logger;
}

/** A call context with the runtime's defaults for whatever is not injected. */
export function createCallContext(options: CallContextOptions = {}): CallContext {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  return {
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    now: options.now ?? Date.now,
    randomBytes: options.randomBytes ?? randomBytes,
    signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    timeoutMs,
    logger: options.logger ?? silentLogger,
  };
}
