// Bundles the Workers entry into one ES module (dist/worker/worker.js) for
// workerd and `wrangler deploy`. Built for the browser platform on purpose:
// a `node:` import anywhere in the app fails the build.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/entries/workerd.ts'],
  outfile: 'dist/worker/worker.js',
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  external: ['cloudflare:*'],
  legalComments: 'none',
  logLevel: 'warning',
});
