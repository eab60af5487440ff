// pnpm bench (apps/bff): the Workers bundle's size, gzipped, beside a bare
// Hono app bundled the same way, and what each part of ours weighs (from
// esbuild's metafile), so a jump shows where it came from.
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { workerBuildOptions } from '../scripts/worker-bundle.mjs';

// The Worker's own build (its static assets are not in the script), and a bare app bundled alike.
const common = { ...workerBuildOptions, write: false, metafile: true, logLevel: 'error' };
const ours = await build(common);
const bare = await build({
  ...common,
  entryPoints: undefined,
  stdin: {
    contents:
      "import { Hono } from 'hono'; const app = new Hono(); app.get('/', (c) => c.json({ ok: true })); export default app;",
    resolveDir: process.cwd(),
  },
});
const gz = (result) => gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;

const [budget] = JSON.parse(readFileSync(new URL('../.size-limit.json', import.meta.url), 'utf8'));
console.log(`\nWorkers bundle (minified, gzipped; CI budget ${budget.limit} in .size-limit.json)`);
console.log(`  cardbind BFF      ${kb(gz(ours))}   (${kb(ours.outputFiles[0].contents.length)} minified)`);
console.log(`  bare Hono app     ${kb(gz(bare))}   (${kb(bare.outputFiles[0].contents.length)} minified)`);

// Minified bytes per package (before gzip), largest first.
const byPackage = new Map();
for (const [file, { bytesInOutput }] of Object.entries(Object.values(ours.metafile.outputs)[0].inputs)) {
  const pkg =
    /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? 'apps/bff (own code)';
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + bytesInOutput);
}
for (const [pkg, bytes] of [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
  console.log(`    ${pkg.padEnd(22)} ${kb(bytes)}`);
}
