import type { ChildProcess } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, onTestFinished } from 'vitest';

export const PIDS_ENV = 'CARDBIND_TEST_PIDS';

/** The process's start time in clock ticks since boot (field 22 of /proc/<pid>/stat); undefined once gone. */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * Runs `cleanup` when the current test finishes, or after the file when
 * called outside a test (an afterAll registered inside a running test never
 * runs, which is how processes used to outlive the suite).
 */
export function afterThis(cleanup: () => unknown): void {
  try {
    onTestFinished(async () => {
      await cleanup();
    });
  } catch {
    afterAll(async () => {
      await cleanup();
    });
  }
}

/** Records a child for the global teardown (which kills it if it is still running then); forgotten once it exits. */
export function record(child: ChildProcess): void {
  const dir = process.env[PIDS_ENV];
  const pid = child.pid;
  if (pid === undefined || !dir) return;
  const file = join(dir, String(pid));
  const started = startTimeOf(pid);
  if (started) writeFileSync(file, started);
  child.once('exit', () => rmSync(file, { force: true }));
}

/** `record`, and a SIGKILL when the current test (or file, outside a test) ends if it is still running. */
export function track(child: ChildProcess): void {
  record(child);
  afterThis(() => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return exited;
  });
}
