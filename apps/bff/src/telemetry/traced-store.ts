import { SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Store } from '../store/types.js';

/** A key's first segment (`limit`, `ver`, `idem`…): what a span may name. The rest can hold a fingerprint. */
const keyspace = (key: string) => {
  const colon = key.indexOf(':');
  return colon < 0 ? key : key.slice(0, colon);
};

/** The store with one client span per call: the operation and the key's keyspace, never the key or the value. */
export function tracedStore(store: Store, tracer: Tracer): Store {
  const traced = <T>(operation: string, key: string, work: () => Promise<T>): Promise<T> =>
    tracer.startActiveSpan(
      `store ${operation}`,
      {
        kind: SpanKind.CLIENT,
        attributes: { 'db.operation.name': operation, 'cardbind.store.keyspace': keyspace(key) },
      },
      async (span) => {
        try {
          return await work();
        } catch (error) {
          span.setAttribute('error.type', (error as Error).name);
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  const close = store.close?.bind(store);
  return {
    shared: store.shared,
    // Read through: a store still connecting learns it once connected.
    get ordered() {
      return store.ordered === true;
    },
    get: (key) => traced('get', key, () => store.get(key)),
    set: (key, value, ttlMs) => traced('set', key, () => store.set(key, value, ttlMs)),
    setIfAbsent: (key, value, ttlMs) => traced('set_if_absent', key, () => store.setIfAbsent(key, value, ttlMs)),
    compareAndSet: (key, expected, next, ttlMs) =>
      traced('compare_and_set', key, () => store.compareAndSet(key, expected, next, ttlMs)),
    take: (key) => traced('take', key, () => store.take(key)),
    increment: (key, ttlMs) => traced('increment', key, () => store.increment(key, ttlMs)),
    delete: (key) => traced('delete', key, () => store.delete(key)),
    schedule: (queue, member, dueAt) => traced('schedule', queue, () => store.schedule(queue, member, dueAt)),
    due: (queue, upTo, limit) => traced('due', queue, () => store.due(queue, upTo, limit)),
    unschedule: (queue, member) => traced('unschedule', queue, () => store.unschedule(queue, member)),
    index: (queue, member, at) => traced('index', queue, () => store.index(queue, member, at)),
    range: (queue, from, to, limit, after) => traced('range', queue, () => store.range(queue, from, to, limit, after)),
    trim: (queue, before) => traced('trim', queue, () => store.trim(queue, before)),
    ...(close ? { close } : {}),
  };
}
