/** Running the `cardbind` command as a merchant does, in a scratch directory removed after the test. */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterThis } from '../../../../scripts/test-processes/track.js';

export const CARDBIND = fileURLToPath(new URL('../../bin/cardbind.js', import.meta.url));
const run = promisify(execFile);

export async function scratch(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'cardbind-cli-'));
  afterThis(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** `cardbind …args` in `cwd`: its exit code and output, whether it succeeded or not. */
export async function cardbind(cwd: string, ...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [CARDBIND, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
