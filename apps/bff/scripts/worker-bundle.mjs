// The Workers build, shared by scripts/build-worker.mjs (which writes it) and bench/worker-size.mjs
// (which weighs it): esbuild's options for the one-module script, and the static assets beside it.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * zod builds JSON Schema (for the OpenAPI document) with these two modules; the Worker never
 * does (it serves the documents written below), but zod's schema classes name them, so the
 * bundler cannot drop them alone. They are replaced by a module that throws if it ever runs:
 * the workerd tests run every route of the built Worker.
 */
const WORKER_NEVER_RUNS = /zod\/v4\/core\/(json-schema-processors|to-json-schema)\.js$/;
const neverRuns = {
  name: 'worker-never-runs',
  setup(build) {
    build.onLoad({ filter: WORKER_NEVER_RUNS }, async (args) => {
      // Every export the module has, each a function that throws: imports resolve, nothing runs.
      const { readFileSync } = await import('node:fs');
      const source = readFileSync(args.path, 'utf8');
      const names = new Set(
        [...source.matchAll(/export (?:const|function|class) ([A-Za-z_$][\w$]*)/g)].map((m) => m[1]),
      );
      for (const m of source.matchAll(/export \{([^}]*)\}/g)) {
        for (const part of m[1].split(',')) {
          const name = part
            .trim()
            .split(/\s+as\s+/)
            .pop();
          if (name) names.add(name);
        }
      }
      const body = [...names]
        .map((name) => `export function ${name}() { throw new Error('JSON Schema is not built in the Worker'); }`)
        .join('\n');
      return { contents: body, loader: 'js' };
    });
  },
};

export const workerBuildOptions = {
  entryPoints: ['src/entries/workerd.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  // The browser platform on purpose: a `node:` import anywhere in the app fails the build.
  platform: 'browser',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  external: ['cloudflare:*'],
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [neverRuns],
};

const require = createRequire(import.meta.url);
const packageDir = (name) => dirname(require.resolve(`${name}/package.json`));

/**
 * The built files the Worker reads through its ASSETS binding (src/files/fetched.ts), written to
 * `dir`: the widget's frame pages and scripts, the operations page, the BIN data, and the OpenAPI
 * document for each combination of features (the Worker mounts one of them).
 */
export async function writeWorkerAssets(dir) {
  mkdirSync(dir, { recursive: true });
  const widget = join(packageDir('@cardbind/widget'), 'dist/served');
  const { LOCALES, PRERENDERED_FORMS } = await import('@cardbind/widget/frame-manifest');
  for (const locale of LOCALES) {
    const forms = PRERENDERED_FORMS.map((form) => `frame.${locale}.${form}.html`);
    for (const file of [`frame.${locale}.html`, ...forms, `inline.${locale}.js`])
      cpSync(join(widget, file), join(dir, file));
  }
  cpSync(join(widget, 'cardbind.js'), join(dir, 'cardbind.js'));
  const ops = join(packageDir('@cardbind/ops-page'), 'dist');
  for (const file of ['ops.js', 'ops.css']) cpSync(join(ops, file), join(dir, file));
  const { bankcardData } = await import('@cardbind/core/banks');
  writeFileSync(join(dir, 'banks.json'), JSON.stringify(bankcardData()));
  const { openApiDocument } = await import('../dist/http/openapi.js');
  const { mountedRoutes } = await import('../dist/http/mount.js');
  const { ROUTES } = await import('../dist/routes/index.js');
  const { BANKS_FILE, openApiFileName } = await import('../dist/files/built-files.js');
  if (BANKS_FILE !== 'banks.json') throw new Error('the BIN data file was renamed: rename it here too');
  for (const metrics of [false, true]) {
    for (const operations of [false, true]) {
      const features = { metrics, operations };
      // The server URL is the deployment's: the Worker writes its publicUrl in.
      const document = openApiDocument(mountedRoutes(ROUTES, features), 'https://cardbind.invalid');
      writeFileSync(join(dir, openApiFileName(features)), JSON.stringify(document));
    }
  }
}
