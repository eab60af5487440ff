import type { Context } from 'hono';

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
