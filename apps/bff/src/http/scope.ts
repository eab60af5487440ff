import type { LogFields } from '@cardbind/core/contract';
import type { Context } from 'hono';
import type { Scope } from '../use-cases/scope.js';

/** A use case's scope in a Hono request: its log line's fields, and work kept alive after the answer. */
export function scopeOf(c: Context): Scope {
  const admit = c.get('admission');
  return {
    note: (fields: LogFields) => c.set('logFields', { ...c.get('logFields'), ...fields }),
    later: (work) => runInBackground(c, work),
    ...(admit ? { admit } : {}),
  };
}

/**
 * Lets work finish after the answer is sent: Workers need `waitUntil` to keep
 * it alive; Node, Deno and Bun run the promise on their own. Failures are the
 * work's own business (the outbox retries), never the request's.
 */
export function runInBackground(c: Context, work: Promise<unknown>): void {
  const settled = work.catch(() => undefined);
  try {
    c.executionCtx.waitUntil(settled);
  } catch {
    // Not a Workers runtime: the promise is already running.
  }
}
