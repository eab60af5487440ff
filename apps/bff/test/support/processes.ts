import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import { expect } from 'vitest';
import { track } from '../../../../scripts/test-processes/track.js';
import { eventually } from './bff.js';
import { written } from './pii.js';

export interface Child {
  url: string;
  pid: number;
  lines: string[];
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

/**
 * Spawns `command`; every stdout/stderr line is kept (and scanned for PII);
 * killed when the test that started it ends (or after the file, when started
 * outside a test), and by the global teardown if anything outlives that.
 */
function spawnKept(command: string, args: string[], env: Record<string, string>, isBff = true) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // A BFF's answers are counted by the answer check; another process's lines are only scanned.
  if (isBff) written.ranBff = true;
  const lines: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const onLine = (line: string) => {
    lines.push(line);
    written.logs.push(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  track(child);
  return { child, lines, exited, kill };
}

/**
 * Runs `code` (an ES module) in a process of its own until it prints `line`, then kills it with
 * SIGKILL: what it did up to then is all a crash leaves.
 */
export async function killWhenItSays(code: string, line: string, env: Record<string, string>): Promise<void> {
  const { child, lines, exited, kill } = spawnKept(process.execPath, ['--input-type=module', '-e', code], env, false);
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (said) => said === line && resolve());
    void exited.then((how) => reject(new Error(`the child exited (${how}) before "${line}": ${lines.join('\n')}`)));
  });
  expect(await kill('SIGKILL')).toBe('SIGKILL');
}

/**
 * Starts a process that prints `{"url": …}` or `{"event":"listening","url": …}`
 * first on stdout.
 */
export async function spawnListening(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Child> {
  const { child, lines, exited, kill } = spawnKept(command, args, env);
  const url = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      const match = /"url":"([^"]+)"/.exec(line);
      if (match?.[1]) resolve(match[1]);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    void exited.then((how) => reject(new Error(`${command} exited (${how}) before listening: ${lines.join('\n')}`)));
  });
  return { url, pid: child.pid ?? 0, lines, exited, kill };
}

/** Starts a server that prints nothing when ready (workerd): polls `readyUrl` until it answers 200. */
export async function spawnServing(
  command: string,
  args: string[],
  readyUrl: string,
  env: Record<string, string> = {},
): Promise<Child> {
  const { child, lines, exited, kill } = spawnKept(command, args, env);
  let gone: string | undefined;
  void exited.then((how) => {
    gone = how;
  });
  await eventually(async () => {
    if (gone !== undefined) throw new Error(`${command} exited (${gone}): ${lines.join('\n')}`);
    return (await fetch(readyUrl).catch(() => undefined))?.status === 200;
  }, 30_000);
  return { url: new URL(readyUrl).origin, pid: child.pid ?? 0, lines, exited, kill };
}

/** The Node entry, built, as `cardbind start` runs it. */
export const NODE_ENTRY = new URL('../../dist/entries/node.js', import.meta.url).pathname;

/** The Node entry in a process of its own, configured by `env` (CARDBIND_CONFIG_JSON, PORT, the store's). */
export const spawnNodeBff = (env: Record<string, string>) => spawnListening(process.execPath, [NODE_ENTRY], env);

/**
 * Where a Node entry on its embedded store will run: a free port, its public URL, and a fresh data
 * directory (scanned for personal data after the file), as the environment `cardbind start` reads.
 */
export async function embeddedStore(name: string) {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), `cardbind-${name}-`));
  written.storeDirs.add(dataDir);
  return { publicUrl: `http://127.0.0.1:${port}`, env: { PORT: String(port), CARDBIND_DATA_DIR: dataDir } };
}
