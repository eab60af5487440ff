import type { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import type { Store } from '../store/types.js';

/** How long the store may take to answer a readiness probe. */
export const READINESS_DEADLINE_MS = 1_500;

export type StoreCheck = 'ok' | 'unavailable' | 'timeout';

/** One read of a key nobody writes, within the deadline: does the store answer? */
async function checkStore(store: Store, deadlineMs: number): Promise<StoreCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<StoreCheck>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  const read = store.get('readyz:probe').then(
    (): StoreCheck => 'ok',
    (): StoreCheck => 'unavailable',
  );
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /healthz`: the process answers (a liveness probe: restart it if not). `GET /readyz`: the
 * configuration is loaded (an app exists only with a valid one) and the store answers within
 * READINESS_DEADLINE_MS; otherwise 503 with the failing check, so a load balancer sends no
 * traffic here until it is back. Neither needs a key, and neither says more than that.
 */
export function healthRoutes(app: Hono, deps: Deps, deadlineMs = READINESS_DEADLINE_MS): void {
  app.get('/healthz', (c) => json(c, { status: 'ok' }));
  app.get('/readyz', async (c) => {
    const store = await checkStore(deps.store, deadlineMs);
    const ready = store === 'ok';
    if (!ready) setAnswerHeader(c, 'retry-after', '1');
    return json(c, { status: ready ? 'ready' : 'unavailable', checks: { config: 'ok', store } }, ready ? 200 : 503);
  });
}
