/**
 * Connecting the Redis store with `@redis/client` (Node, Deno and Bun all run
 * it). Commands fail at once while the connection is down instead of queuing
 * (a request answers 503 STORE_UNAVAILABLE rather than hang), and the client
 * keeps reconnecting in the background, so service resumes on its own.
 */
import { createClient } from '@redis/client';
import { RedisStore, type RedisStoreOptions } from './store.js';

export { type RedisCommand, RedisStore, type RedisStoreOptions } from './store.js';

export interface ConnectRedisOptions extends RedisStoreOptions {
  /** Told once when the connection drops and once when it is back (for a log line). */
  onStateChange?: (state: 'down' | 'up') => void;
}

/** onStateChange that writes one JSON log line per change (the entries use it). */
export function logRedisState(log: (line: string) => void): (state: 'down' | 'up') => void {
  return (state) => log(JSON.stringify({ level: state === 'down' ? 'error' : 'info', msg: `redis_${state}` }));
}

export async function connectRedisStore(url: string, options: ConnectRedisOptions = {}): Promise<RedisStore> {
  const timeout = options.commandTimeoutMs ?? 1000;
  const client = createClient({
    url,
    disableOfflineQueue: true,
    commandOptions: { timeout },
    socket: {
      connectTimeout: 2000,
      // Quick first retries, then every 2 s: a restarted Redis is picked up within seconds.
      reconnectStrategy: (retries: number) => Math.min(50 * 2 ** retries, 2000),
    },
  });
  let up = false;
  const report = (next: boolean) => {
    if (next !== up) options.onStateChange?.(next ? 'up' : 'down');
    up = next;
  };
  // Errors surface through the commands that fail; without a listener the client would crash the process.
  client.on('error', () => report(false));
  client.on('ready', () => report(true));
  await client.connect();
  return new RedisStore((args) => client.sendCommand(args), {
    ...options,
    close: () => client.close(),
  });
}
