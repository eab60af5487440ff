// Bundles the Workers entry into one ES module (dist/worker/worker.js) for workerd and
// `wrangler deploy`, and writes its static assets beside it (dist/worker/assets): the files it
// serves are read from there, not carried in the script (scripts/worker-bundle.mjs).
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { workerBuildOptions, writeWorkerAssets } from './worker-bundle.mjs';

await build({ ...workerBuildOptions, outfile: 'dist/worker/worker.js' });
rmSync('dist/worker/assets', { recursive: true, force: true });
await writeWorkerAssets('dist/worker/assets');
