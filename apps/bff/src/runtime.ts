/**
 * What the Deno and Bun entries share: the configuration from the
 * environment, the store (Redis when CARDBIND_REDIS_URL is set, else memory
 * for one short-lived process), and the webhook delivery loop.
 */
import { type AppOptions, type Cardbind, configFromEnv, createCardbind, parseConfig } from './app.js';
import { MemoryStore } from './store/memory.js';
import { connectRedisStore, logRedisState } from './store/redis/connect.js';
import type { Store } from './store/types.js';

export interface Prepared {
  cardbind: Cardbind;
  /** Stops the delivery loop and closes the store. */
  stop(): Promise<void>;
}

export async function prepareCardbind(
  env: Readonly<Record<string, string | undefined>>,
  options: AppOptions = {},
): Promise<Prepared> {
  const log = options.log ?? ((line: string) => console.log(line));
  // A bad configuration stops here, before any connection is made.
  const config = parseConfig(configFromEnv(env));
  const redisUrl = env.CARDBIND_REDIS_URL;
  const store: Store = redisUrl
    ? await connectRedisStore(redisUrl, { onStateChange: logRedisState(log) })
    : new MemoryStore();
  if (!redisUrl) {
    log(JSON.stringify({ level: 'warn', msg: 'store_memory', note: 'one process only; lost on restart' }));
  }
  const cardbind = createCardbind(config, { ...options, log, store });
  const stopDelivery = cardbind.outbox.start(cardbind.config.webhooks.pollMs);
  return {
    cardbind,
    async stop() {
      await stopDelivery();
      await store.close?.();
    },
  };
}
