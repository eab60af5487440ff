// pnpm bench (apps/bff): a new workerd isolate's time to its first answer, the cardbind Worker
// (its build: dist/worker, with its static assets and Durable Object store) beside a bare Hono
// Worker bundled alike. Each run starts a workerd process, asks until the first 200, and stops
// it; the two take turns. The time includes starting workerd itself, the same for both: the
// difference is what loading and compiling our script costs.
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@cardbind/sandbox/node';
import { build } from 'esbuild';
import { exportJWK, generateKeyPair } from 'jose';
import { workerBuildOptions } from '../scripts/worker-bundle.mjs';
import { workerdConfig } from '../scripts/workerd-config.mjs';
import { baselineBuild } from './baseline.mjs';
import { median } from './load/runner.mjs';

const RUNS = Number(process.env.BENCH_COLD_START_RUNS ?? 7);
const WORKERD = createRequire(import.meta.url).resolve('workerd/bin/workerd');
const root = mkdtempSync(join(tmpdir(), 'cardbind-cold-start-'));

const bare = join(root, 'bare.js');
await build({
  ...workerBuildOptions,
  entryPoints: undefined,
  outfile: bare,
  stdin: {
    contents:
      "import { Hono } from 'hono'; const app = new Hono(); app.get('/readyz', (c) => c.json({ status: 'ready' })); export default app;",
    resolveDir: process.cwd(),
  },
});
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const config = JSON.stringify({
  publicUrl: 'http://127.0.0.1:1',
  merchants: [{ id: 'shop', apiKeySha256: 'a'.repeat(64), allowedOrigins: ['http://shop.localhost:5173'] }],
  signingKeys: [{ kid: 'k1', privateJwk: await exportJWK(privateKey) }],
  fingerprintSecret: 'f'.repeat(48),
  providers: {},
  routing: {},
});

/** One cold start: workerd started on `bundle`, asked every 2 ms until `path` answers 200. */
async function coldStart(bundle, { bareWorker, path }) {
  const port = await freePort();
  const dir = mkdtempSync(join(root, 'run-'));
  mkdirSync(join(dir, 'store'));
  copyFileSync(bundle, join(dir, 'worker.js'));
  const assetsDir = new URL('../dist/worker/assets', import.meta.url).pathname;
  writeFileSync(
    join(dir, 'config.capnp'),
    workerdConfig({ port, storeDir: join(dir, 'store'), assetsDir, bare: bareWorker }),
  );
  const started = performance.now();
  const child = spawn(WORKERD, ['serve', join(dir, 'config.capnp')], {
    stdio: 'ignore',
    env: { ...process.env, CARDBIND_CONFIG_JSON: config },
  });
  try {
    for (;;) {
      const res = await fetch(`http://127.0.0.1:${port}${path}`).catch(() => undefined);
      if (res?.status === 200) return { ms: performance.now() - started, body: await res.json() };
      if (child.exitCode !== null) throw new Error(`workerd exited ${child.exitCode}`);
      if (performance.now() - started > 30_000) throw new Error('no answer in 30 s');
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const ours = new URL('../dist/worker/worker.js', import.meta.url).pathname;
// The previous main's Worker (bench/BASELINE), which carried its files in its script.
const baseline = baselineBuild();
const previous = baseline && join(baseline.dir, 'apps/bff/dist/worker/worker.js');
const bundles = { ours, bare, ...(previous ? { previous } : {}) };
const times = Object.fromEntries(Object.keys(bundles).map((k) => [k, []]));
const answers = new Map();
try {
  for (let i = 0; i < RUNS; i++) {
    const order = Object.keys(bundles);
    for (const which of i % 2 ? order.reverse() : order) {
      const run = await coldStart(bundles[which], { bareWorker: which === 'bare', path: '/readyz' });
      times[which].push(run.ms);
      const answer = `${which}: ${JSON.stringify(run.body)}`;
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
console.log(`\nCold start on workerd: process start to the first 200 of /readyz, median of ${RUNS} (turns taken):`);
console.table([
  { worker: 'bare Hono Worker', 'first answer ms': median(times.bare).toFixed(1) },
  { worker: 'cardbind BFF Worker', 'first answer ms': median(times.ours).toFixed(1) },
  ...(previous
    ? [
        {
          worker: `previous build (${baseline.commit.slice(0, 12)})`,
          'first answer ms': median(times.previous).toFixed(1),
        },
      ]
    : []),
]);
console.log(`cardbind / bare: ${(median(times.ours) / median(times.bare)).toFixed(2)}×`);
// Every run must have answered what it was asked: ready (the BFF: its config and store checked).
const expected = [
  `bare: ${JSON.stringify({ status: 'ready' })}`,
  `ours: ${JSON.stringify({ status: 'ready', checks: { config: 'ok', store: 'ok' } })}`,
  `previous: ${JSON.stringify({ status: 'ready', checks: { config: 'ok', store: 'ok' } })}`,
];
const wrong = [...answers].filter(([answer]) => !expected.includes(answer));
if (wrong.length || [...answers.values()].reduce((a, b) => a + b, 0) !== RUNS * Object.keys(bundles).length) {
  console.error(`cold-start bench FAILED: ${wrong.map(([a, n]) => `${n} × ${a}`).join(', ')}`);
  process.exit(1);
}
