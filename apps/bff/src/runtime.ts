/**
 * What the Deno and Bun entries share: the configuration from the
 * environment, the store (Redis when CARDBIND_REDIS_URL is set, else memory
 * for one short-lived process), and the webhook delivery loop.
 */
import { type AppOptions, type Cardbind, ConfigError, configFromEnv, createCardbind, parseConfig } from './app.js';
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
    ? await connectRedisStore(redisUrl, { onStateChange: logRedisState(log, redisUrl) })
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

/** What an entry's runtime gives: its signals and its exit. */
export interface Host {
  onSignal(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code: number): never;
}

/**
 * Serves the BFF the environment configures with `serve` (which starts the runtime's server and
 * returns how to close it) until SIGTERM or SIGINT: then the server closes, the delivery loop and
 * the store stop, and the process exits 0. A bad configuration exits 78 (EX_CONFIG), naming its
 * problems.
 */
export async function serveUntilSignalled(
  env: Readonly<Record<string, string | undefined>>,
  options: AppOptions,
  serve: (cardbind: Cardbind) => { close(): Promise<void> },
  host: Host,
): Promise<void> {
  try {
    const { cardbind, stop } = await prepareCardbind(env, options);
    const server = serve(cardbind);
    const shutdown = () =>
      void server
        .close()
        .then(stop)
        .then(() => host.exit(0));
    host.onSignal('SIGTERM', shutdown);
    host.onSignal('SIGINT', shutdown);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    host.exit(78);
  }
}
