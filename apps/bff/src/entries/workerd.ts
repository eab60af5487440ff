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
import { assembleCardbind, type Cardbind } from '../cardbind.js';
import { configFromEnv } from '../config/env.js';
import type { AssetFetcher } from '../files/built-files.js';
import { fetchedFiles } from '../files/fetched.js';
import { DurableStoreOps, type DurableStoreStub, durableObjectStore, type StoreOp } from '../store/durable-object.js';

export interface Env {
  CARDBIND_CONFIG_JSON: string;
  CARDBIND_STORE: DurableObjectNamespace<DurableStoreStub>;
  /**
   * The built files (dist/worker/assets: the widget's frame and scripts, the operations page, the
   * BIN data, the OpenAPI documents), served as Workers static assets: the script does not carry
   * them. `run_worker_first` keeps every request with the Worker (the frame needs its CSP).
   */
  ASSETS: AssetFetcher;
}

/** The Durable Object class: its RPC method runs the store's operations. */
export class CardbindStore extends DurableObject<Env> {
  readonly #ops: DurableStoreOps;

  constructor(ctx: ConstructorParameters<typeof DurableObject<Env>>[0], env: Env) {
    super(ctx, env);
    this.#ops = new DurableStoreOps(ctx.storage);
  }

  /** The store's operations, by name (store/durable-object.ts STORE_OPS). */
  run(op: StoreOp, args: readonly unknown[]) {
    return this.#ops.run(op, args);
  }
  alarm() {
    return this.#ops.sweep();
  }
}

// One app per isolate, built on first use (the env is the same for the isolate's life).
let cardbind: Cardbind | undefined;
function instance(env: Env): Cardbind {
  const id = env.CARDBIND_STORE.idFromName('cardbind');
  cardbind ??= assembleCardbind(
    configFromEnv({ CARDBIND_CONFIG_JSON: env.CARDBIND_CONFIG_JSON }),
    {
      store: durableObjectStore(() => env.CARDBIND_STORE.get(id)),
      clientIp: (c) => c.req.header('cf-connecting-ip'),
    },
    fetchedFiles(env.ASSETS),
  );
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
