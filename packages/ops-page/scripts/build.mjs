// Builds the operations page (Preact app + CSS) and writes dist/assets.js: its files as
// strings, so the BFF serves them on any runtime without a file system (as the widget's frame).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, minify: true, target: 'es2022', legalComments: 'none', logLevel: 'warning' };
await build({
  ...common,
  entryPoints: ['src/main.tsx'],
  format: 'esm',
  outfile: 'dist/ops.js',
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
await build({ ...common, entryPoints: ['src/styles.css'], outfile: 'dist/ops.css' });
const js = readFileSync('dist/ops.js', 'utf8');
const css = readFileSync('dist/ops.css', 'utf8');
const version = createHash('sha256').update(js).update(css).digest('hex').slice(0, 12);
mkdirSync('dist/types', { recursive: true });
writeFileSync(
  'dist/assets.js',
  `export const OPS_VERSION = ${JSON.stringify(version)};\n` +
    `export const OPS_JS = ${JSON.stringify(js)};\n` +
    `export const OPS_CSS = ${JSON.stringify(css)};\n`,
);
// The version alone, for a server that serves the files from elsewhere (Workers static assets):
// dist/ops.js and dist/ops.css are the files themselves.
writeFileSync('dist/manifest.js', `export const OPS_VERSION = ${JSON.stringify(version)};\n`);
writeFileSync(
  'dist/types/manifest.d.ts',
  '/** Content hash of dist/ops.js and dist/ops.css (cache busting). */\nexport declare const OPS_VERSION: string;\n',
);
writeFileSync(
  'dist/types/assets.d.ts',
  '/** Content hash of the script and styles (cache busting). */\nexport declare const OPS_VERSION: string;\n' +
    '/** The page (Preact), one ES module. */\nexport declare const OPS_JS: string;\nexport declare const OPS_CSS: string;\n',
);
