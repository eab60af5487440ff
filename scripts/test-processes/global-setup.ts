/**
 * Vitest global setup: every process a suite starts is gone when it ends,
 * whatever became of the test that started it (a failure, a timeout, a
 * worker that was killed). Tests record their children with `track()` in a
 * directory made here; the teardown kills whatever is still alive.
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
      survivors.push(name);
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Gone in the meantime.
      }
    }
    rmSync(dir, { recursive: true, force: true });
    if (survivors.length) console.warn(`test-processes: killed ${survivors.length} process(es) a suite left running`);
  };
}
