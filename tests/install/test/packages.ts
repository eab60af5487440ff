/**
 * The workspace's public packages, packed as a registry would receive them
 * (`pnpm pack` rewrites `workspace:` ranges to versions).
 */
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export const ROOT = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

export interface PublicPackage {
  name: string;
  dir: string;
}

/** Every workspace package without `"private": true`. */
export async function publicPackages(): Promise<PublicPackage[]> {
  const found: PublicPackage[] = [];
  for (const group of ['packages', 'apps', 'tests']) {
    for (const entry of await readdir(join(ROOT, group))) {
      const dir = join(ROOT, group, entry);
      const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8').catch(() => '{"private":true}'));
      if (!manifest.private) found.push({ name: manifest.name, dir });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** pnpm as the test was started with it (`pnpm test` sets npm_execpath), or the pinned one through npx. */
function pnpm(args: string[], cwd: string) {
  const execpath = process.env.npm_execpath;
  return execpath && /pnpm/.test(execpath)
    ? run(process.execPath, [execpath, ...args], { cwd })
    : run('npx', ['-y', 'pnpm@10.34.8', ...args], { cwd });
}

/** Packs each package into `destination`; returns package name → tarball path. */
export async function packAll(packages: PublicPackage[], destination: string): Promise<Map<string, string>> {
  const tarballs = new Map<string, string>();
  for (const pkg of packages) {
    const { stdout } = await pnpm(['pack', '--pack-destination', destination], pkg.dir);
    const tarball = stdout
      .trim()
      .split('\n')
      .findLast((line) => line.endsWith('.tgz'));
    if (!tarball) throw new Error(`pnpm pack printed no tarball for ${pkg.name}: ${stdout}`);
    tarballs.set(pkg.name, tarball.trim());
  }
  return tarballs;
}
