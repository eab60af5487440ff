import type { LogFields } from '@cardbind/core/contract';

/**
 * What a use case may do beyond returning its result, whatever calls it: add masked fields to its
 * request's log line, and leave work running after the answer (a webhook's first delivery).
 */
export interface Scope {
  note(fields: LogFields): void;
  later(work: Promise<unknown>): void;
  /**
   * Sends the request's admission counts (its per-IP count) and answers when they pass: for a use
   * case that sends them beside its first store write (see IdempotentRequest.admitted).
   */
  admit?: () => Promise<void>;
}

/** A scope that keeps nothing (a use case called outside a request: tests, a sweep). */
export const QUIET: Scope = { note: () => {}, later: (work) => void work.catch(() => undefined) };
