import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import { afterAll } from 'vitest';
import { afterThis, record } from '../../../../scripts/test-processes/track.js';
import { type ConnectRedisOptions, connectRedisStore, type RedisStore } from '../../src/store/redis/connect.js';
import { written } from './pii.js';

export interface RedisServer {
  url: string;
  /** Stops the server (SIGKILL by default: nothing flushed beyond what fsync already wrote). */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and directory. */
  start(): Promise<void>;
}

/**
 * A real redis-server (Debian's, or REDIS_SERVER) on a free loopback port,
 * with an append-only file fsynced on every write, so what Redis acknowledged
 * survives a kill. Its directory is scanned for personal data after the run.
 */
export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-redis-'));
  written.storeDirs.add(dir);
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
      args.push('--appendonly', 'yes', '--appendfsync', 'always', '--protected-mode', 'no');
      const proc = spawn(process.env.REDIS_SERVER ?? 'redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
      record(proc);
      child = proc;
      const lines: string[] = [];
      createInterface({ input: proc.stdout }).on('line', (line) => {
        lines.push(line);
        if (line.includes('Ready to accept connections')) resolve();
      });
      proc.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${lines.slice(-5).join('\n')}`)));
      proc.once('error', reject);
    });
  const stop = async (signal: NodeJS.Signals = 'SIGKILL') => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill(signal);
    await exited;
  };
  await start();
  // Restarted inside tests, so stopped after the file (or the test, when started inside one).
  afterThis(() => stop());
  return { url: `redis://127.0.0.1:${port}`, stop, start };
}

/**
 * Stores on the Redis at `url` (a server or a cluster), each under a prefix of its own
 * (`<tag><n>:`, so tests never meet each other's keys), all closed after the file. `patient`:
 * a long command timeout, for tests of answers rather than speed (a machine busy with other
 * suites must not turn a slow answer into a failure).
 */
export function redisStores(url: string, tag: string) {
  let count = 0;
  const opened: RedisStore[] = [];
  afterAll(() => Promise.all(opened.map((s) => s.close().catch(() => undefined))));
  const open = async (options: ConnectRedisOptions = {}) => {
    const store = await connectRedisStore(url, { prefix: `${tag}${++count}:`, ...options });
    opened.push(store);
    return store;
  };
  return {
    open: () => open(),
    patient: () => open({ commandTimeoutMs: 15_000 }),
    /** The prefix of the store opened last. */
    lastPrefix: () => `${tag}${count}:`,
  };
}
