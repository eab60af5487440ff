/**
 * Cloudflare Workers (workerd) entry. The configuration is the secret
 * CARDBIND_CONFIG_JSON (`wrangler secret put`); the store is one Durable
 * Object (CARDBIND_STORE): the Workers primitive that gives atomic
 * read-modify-write, which KV (eventually consistent, no compare-and-set)
 * cannot. Webhook deliveries run after the answer (waitUntil); their retries
 * run on the cron trigger (`scheduled`).
 */
import { DurableObject } from 'cloudflare:workers';
import type { ExecutionContext } from 'hono';
import { type Cardbind, configFromEnv, createCardbind } from '../app.js';
import { DurableObjectStore, DurableStoreOps, type DurableStoreStub } from '../store/durable-object.js';

export interface Env {
  CARDBIND_CONFIG_JSON: string;
  CARDBIND_STORE: DurableObjectNamespace<DurableStoreStub>;
}

/** The Durable Object class: its RPC methods are the store's operations. */
export class CardbindStore extends DurableObject<Env> {
  readonly #ops: DurableStoreOps;

  constructor(ctx: ConstructorParameters<typeof DurableObject<Env>>[0], env: Env) {
    super(ctx, env);
    this.#ops = new DurableStoreOps(ctx.storage);
  }

  get(key: string) {
    return this.#ops.get(key);
  }
  set(key: string, value: string, ttlMs: number) {
    return this.#ops.set(key, value, ttlMs);
  }
  setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.#ops.setIfAbsent(key, value, ttlMs);
  }
  compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    return this.#ops.compareAndSet(key, expected, next, ttlMs);
  }
  take(key: string) {
    return this.#ops.take(key);
  }
  increment(key: string, ttlMs: number) {
    return this.#ops.increment(key, ttlMs);
  }
  delete(key: string) {
    return this.#ops.delete(key);
  }
  schedule(queue: string, member: string, dueAt: number) {
    return this.#ops.schedule(queue, member, dueAt);
  }
  due(queue: string, upTo: number, limit: number) {
    return this.#ops.due(queue, upTo, limit);
  }
  unschedule(queue: string, member: string) {
    return this.#ops.unschedule(queue, member);
  }
  index(queue: string, member: string, at: number) {
    return this.#ops.index(queue, member, at);
  }
  range(queue: string, from: number, to: number, limit: number, after?: string) {
    return this.#ops.range(queue, from, to, limit, after);
  }
  trim(queue: string, before: number) {
    return this.#ops.trim(queue, before);
  }
  alarm() {
    return this.#ops.sweep();
  }
}

// One app per isolate, built on first use (the env is the same for the isolate's life).
let cardbind: Cardbind | undefined;
function instance(env: Env): Cardbind {
  const id = env.CARDBIND_STORE.idFromName('cardbind');
  cardbind ??= createCardbind(configFromEnv({ CARDBIND_CONFIG_JSON: env.CARDBIND_CONFIG_JSON }), {
    store: new DurableObjectStore(() => env.CARDBIND_STORE.get(id)),
    clientIp: (c) => c.req.header('cf-connecting-ip'),
  });
  return cardbind;
}

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContext): Response | Promise<Response> {
    return instance(env).app.fetch(request, env, ctx);
  },
  scheduled(_controller: unknown, env: Env, ctx: ExecutionContext): void {
    ctx.waitUntil(instance(env).outbox.deliverDue());
  },
};
