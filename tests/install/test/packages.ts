/**
 * The public packages, packed by the documented script (`pnpm pack:all`, scripts/pack-all.mjs) as
 * a merchant packs them until they are published: the suite reads the `npm install` line it prints.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

export const ROOT = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

/** The `npm install …` line in what `pack:all` printed. */
export function installLine(printed: string): string {
  const line = printed.split('\n').find((l) => l.startsWith('npm install '));
  if (!line) throw new Error(`pack:all printed no npm install line:\n${printed}`);
  return line.trim();
}

/** Package name (`@cardbind/x`) → tarball path, from a printed `npm install` line. */
export function tarballsOf(line: string): Map<string, string> {
  const paths = line.slice('npm install '.length).split(' ');
  return new Map(
    paths.map((path) => {
      const file = path.split('/').at(-1) ?? '';
      const short = /^cardbind-(.+)-\d+\.\d+\.\d+(?:-[\w.]+)?\.tgz$/.exec(file)?.[1];
      if (!short) throw new Error(`not a cardbind tarball: ${path}`);
      return [`@cardbind/${short}`, path];
    }),
  );
}

/**
 * `node scripts/pack-all.mjs --no-build --out <destination> [names]` (the suite runs after the
 * build); what it printed.
 */
export async function packWithScript(destination: string, names: string[] = []): Promise<string> {
  const { stdout } = await run(
    process.execPath,
    [`${ROOT}scripts/pack-all.mjs`, '--no-build', '--out', destination, ...names],
    { cwd: ROOT },
  );
  return stdout;
}
