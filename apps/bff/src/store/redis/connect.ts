/**
 * Connecting the Redis store with `@redis/client` (Node, Deno and Bun all run
 * it): to one server, a Redis Cluster or the master Sentinel names (topology.ts). Commands fail at once while the connection is down instead of queuing
 * (a request answers 503 STORE_UNAVAILABLE rather than hang), and the client
 * keeps reconnecting in the background, so service resumes on its own.
 */
import { redisClient } from './clients.js';
import { RedisStore, type RedisStoreOptions } from './store.js';
import { parseRedisUrl, withoutPassword } from './topology.js';

export { type RedisCommand, RedisStore, type RedisStoreOptions } from './store.js';
export { parseRedisUrl, type RedisTopology, RedisUrlError } from './topology.js';

/**
 * Told once when the connection drops and once when it is back; before the first connection, at
 * each failed attempt (`waiting`, with the error and the time left): for a log line.
 */
export type RedisStateListener = (
  state: 'down' | 'up' | 'waiting',
  detail?: { error: string; secondsLeft: number },
) => void;

export interface ConnectRedisOptions extends RedisStoreOptions {
  onStateChange?: RedisStateListener;
  /** How long the first connection may take before connecting gives up (default 30 s). */
  connectDeadlineMs?: number;
}

/** Redis was not reached before the deadline: `message` says where, for how long, and the last error. */
export class RedisUnreachableError extends Error {
  readonly code = 'REDIS_UNREACHABLE';
}

/** onStateChange that writes one JSON log line per change (the entries use it); the URL without its password. */
export function logRedisState(log: (line: string) => void, url?: string): RedisStateListener {
  const where = url === undefined ? {} : { redisUrl: withoutPassword(url) };
  return (state, detail) =>
    log(
      JSON.stringify({
        level: state === 'up' ? 'info' : state === 'waiting' ? 'warn' : 'error',
        msg: `redis_${state}`,
        ...where,
        ...detail,
      }),
    );
}

export async function connectRedisStore(url: string, options: ConnectRedisOptions = {}): Promise<RedisStore> {
  const timeout = options.commandTimeoutMs ?? 1000;
  const topology = parseRedisUrl(url);
  const { send, ordered, readyEvent, connection } = redisClient(topology, timeout);
  let up = false;
  let connected = false;
  let lastError = 'no answer';
  const deadlineMs = options.connectDeadlineMs ?? 30_000;
  const started = Date.now();
  const report = (next: boolean) => {
    if (next !== up) options.onStateChange?.(next ? 'up' : 'down');
    up = next;
  };
  // Errors surface through the commands that fail; without a listener the client would crash the process.
  connection.on('error', (error: Error) => {
    lastError = error.message || error.name;
    if (connected) return report(false);
    // Before the first connection: say what is awaited, at every attempt, rather than nothing.
    const secondsLeft = Math.max(0, Math.ceil((deadlineMs - (Date.now() - started)) / 1000));
    options.onStateChange?.('waiting', { error: lastError, secondsLeft });
  });
  connection.on(readyEvent, () => {
    if (connected) report(true);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new RedisUnreachableError(
            `Redis at ${withoutPassword(url)} did not answer within ${deadlineMs / 1000} s (${lastError})`,
          ),
        ),
      deadlineMs,
    );
  });
  try {
    await Promise.race([connection.connect(), deadline]);
    connected = true;
    report(true);
  } catch (error) {
    connection.destroy();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return new RedisStore(send, { ...options, ordered, close: () => connection.close() });
}
