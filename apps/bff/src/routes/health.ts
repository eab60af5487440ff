import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';
import { healthAnswer, readinessAnswer } from '../schemas.js';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

/** How long the store may take to answer a readiness probe. */
export const READINESS_DEADLINE_MS = 1_500;

export type StoreCheck = 'ok' | 'unavailable' | 'timeout';

/** One read of a key nobody writes, within the deadline: does the store answer? */
export async function checkStore(store: Store, deadlineMs: number): Promise<StoreCheck> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<StoreCheck>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), deadlineMs);
  });
  const read = store.get(keys.readinessProbe).then(
    (): StoreCheck => 'ok',
    (): StoreCheck => 'unavailable',
  );
  try {
    return await Promise.race([read, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** `GET /healthz`: the process answers (a liveness probe: restart it if not). No store call. */
export const liveness = route({
  method: 'get',
  path: '/healthz',
  summary: 'Liveness: the process answers (no store call).',
  auth: anyone,
  answers: { 200: { schema: healthAnswer, description: '`{"status": "ok"}`.' } },
})(() => ({ status: 200, body: { status: 'ok' } }));

/**
 * `GET /readyz`: the configuration is loaded (an app exists only with a valid one) and the store
 * answers within READINESS_DEADLINE_MS; otherwise 503 with the failing check, so a load balancer
 * sends no traffic here until it is back. Neither probe needs a key, and neither says more.
 */
export const readiness = route({
  method: 'get',
  path: '/readyz',
  summary: `Readiness: the configuration is loaded and the store answers within ${READINESS_DEADLINE_MS / 1000} s.`,
  auth: anyone,
  answers: {
    200: { schema: readinessAnswer, description: 'Ready: send traffic here.' },
    503: {
      schema: readinessAnswer,
      description: 'Not ready: `checks.store` is `unavailable` or `timeout`. Retry-After: 1.',
    },
  },
})(async ({ c, deps }) => {
  const store = await checkStore(deps.store, READINESS_DEADLINE_MS);
  if (store !== 'ok') {
    setAnswerHeader(c, 'retry-after', '1');
    return { status: 503, body: { status: 'unavailable', checks: { config: 'ok', store } } };
  }
  return { status: 200, body: { status: 'ready', checks: { config: 'ok', store } } };
});

export const healthRoutes = [liveness, readiness];
