/**
 * Vitest global setup: every process a suite starts is gone when it ends,
 * whatever became of the test that started it (a failure, a timeout, a
 * worker that was killed). Tests record their children with `track()` in a
 * directory made here; the teardown kills whatever is still alive and fails
 * the run, naming it.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PIDS_ENV, startTimeOf } from './track.js';

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-test-pids-'));
  // Workers are started after this and inherit the environment.
  process.env[PIDS_ENV] = dir;
  return () => {
    const survivors: string[] = [];
    for (const name of readdirSync(dir)) {
      const pid = Number(name);
      const recorded = readFileSync(join(dir, name), 'utf8');
      // The start time guards against a recycled pid: only our process is killed.
      if (startTimeOf(pid) !== recorded) continue;
      survivors.push(`${pid} ${commandOf(pid)}`);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }
    rmSync(dir, { recursive: true, force: true });
    // Killed, and still a failure: the test that started it must stop it. (Vitest
    // reports an error thrown here but exits 0, so the exit code is set instead.)
    if (survivors.length) {
      console.error(`test-processes: left running by the suite (now killed):\n  ${survivors.join('\n  ')}`);
      process.exitCode = 1;
    }
  };
}

function commandOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim().slice(0, 200);
  } catch {
    return '?';
  }
}
