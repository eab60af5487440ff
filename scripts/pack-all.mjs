#!/usr/bin/env node
// `pnpm pack:all`: the public packages as the npm registry would receive them (pnpm pack turns
// `workspace:` ranges into versions), built first, written to packed/, and the one `npm install`
// line that installs them into a project. Until the packages are published, this is how a project
// outside this repository installs cardbind; the install suite (tests/install) starts here too.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const USAGE = `usage: pnpm pack:all [--out <dir>] [--no-build] [<package>...]

  --out <dir>   where the .tgz files go (default: packed/ in this repository)
  --no-build    pack what is built already (the test suite, which has just built)
  <package>     only these (e.g. @cardbind/widget); default: every public package`;

const ROOT = new URL('..', import.meta.url).pathname;

let parsed;
try {
  parsed = parseArgs({
    options: { out: { type: 'string' }, 'no-build': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
} catch (error) {
  console.error(`pack:all: ${error.message}\n\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

/** Every workspace package without `"private": true`, by name. */
const everyPublic = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(ROOT, group)).flatMap((entry) => {
    const dir = join(ROOT, group, entry);
    let manifest;
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      return [];
    }
    return manifest.private ? [] : [{ name: manifest.name, dir }];
  }),
);
const unknown = positionals.filter((name) => !everyPublic.some((p) => p.name === name));
if (unknown.length > 0) {
  console.error(
    `pack:all: not a public package: ${unknown.join(', ')} (they are ${everyPublic.map((p) => p.name).join(', ')})`,
  );
  process.exit(2);
}
const chosen = everyPublic
  .filter((p) => positionals.length === 0 || positionals.includes(p.name))
  .sort((a, b) => a.name.localeCompare(b.name));

// pnpm as this script was started with it (`pnpm pack:all` sets npm_execpath), or the pinned one.
const pinned = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).packageManager;
const pnpm = (args, cwd) =>
  /pnpm/.test(process.env.npm_execpath ?? '')
    ? execFileSync(process.execPath, [process.env.npm_execpath, ...args], { cwd, encoding: 'utf8' })
    : execFileSync('npx', ['-y', pinned, ...args], { cwd, encoding: 'utf8' });

if (!values['no-build']) {
  console.log(`building ${chosen.map((p) => p.name).join(', ')} …`);
  pnpm(
    ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only', ...chosen.map((p) => `--filter=${p.name}`)],
    ROOT,
  );
}

const out = resolve(values.out ?? join(ROOT, 'packed'));
mkdirSync(out, { recursive: true });
const tarballs = chosen.map((pkg) => {
  // An older version's tarball of the same package would be installed beside the new one.
  const stem = pkg.name.replace('@', '').replace('/', '-');
  for (const old of readdirSync(out)) {
    if (old.startsWith(`${stem}-`) && /^\d/.test(old.slice(stem.length + 1))) rmSync(join(out, old));
  }
  const printed = pnpm(['pack', '--pack-destination', out], pkg.dir);
  const tarball = printed
    .trim()
    .split('\n')
    .findLast((line) => line.endsWith('.tgz'));
  if (!tarball) throw new Error(`pnpm pack printed no tarball for ${pkg.name}: ${printed}`);
  return tarball.trim();
});

console.log(`packed ${chosen.length} package(s) into ${out}. They are not on the npm registry yet; in your project, run:

npm install ${tarballs.join(' ')}
`);
