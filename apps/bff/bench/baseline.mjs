// The build this one is measured beside, in the same run: BENCH_BASELINE (a git ref), or the
// commit named in bench/BASELINE (the last main before the change being measured). Its tree is
// taken with `git archive` (the working copy and .git are left as they are) into a directory
// under the system's temporary directory, installed from pnpm's store and built once per
// commit; later runs reuse it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PNPM = ['-y', 'pnpm@10.34.8'];
const root = new URL('../../../', import.meta.url).pathname;

function run(command, args, cwd, input) {
  const result = spawnSync(command, args, { cwd, input, encoding: input ? undefined : 'utf8', maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-20).join('\n');
    throw new Error(`${command} ${args.join(' ')} (in ${cwd}) failed:\n${output}`);
  }
  return result.stdout;
}

/** The previous build's directory and commit, built; undefined (with the reason printed) when there is none. */
export function baselineBuild() {
  const ref = process.env.BENCH_BASELINE ?? readFileSync(new URL('./BASELINE', import.meta.url), 'utf8').trim();
  const rev = spawnSync('git', ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], {
    cwd: root,
    encoding: 'utf8',
  });
  if (rev.status !== 0) {
    console.log(`\n(the previous build, ${ref}, is not in this checkout: the comparison with it is skipped)`);
    return undefined;
  }
  const commit = rev.stdout.trim();
  const dir = join(tmpdir(), `cardbind-bench-baseline-${commit.slice(0, 12)}`);
  const built = join(dir, '.cardbind-bench-built');
  if (!existsSync(built)) {
    console.log(`\nBuilding the previous build (${commit.slice(0, 12)}) in ${dir} …`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const tar = spawnSync('git', ['archive', '--format=tar', commit], { cwd: root, maxBuffer: 1 << 30 });
    if (tar.status !== 0) throw new Error(`git archive ${commit} failed`);
    run('tar', ['-x', '-C', dir], root, tar.stdout);
    run('npx', [...PNPM, 'install', '--frozen-lockfile', '--prefer-offline'], dir);
    run(
      'npx',
      [...PNPM, 'exec', 'turbo', 'run', 'build', '--filter=@cardbind/bff...', '--output-logs=errors-only'],
      dir,
    );
    writeFileSync(built, `${commit}\n`);
  }
  return { dir, commit, server: join(dir, 'apps/bff/bench/server.mjs') };
}
