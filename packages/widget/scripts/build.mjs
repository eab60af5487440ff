// Builds the loader (ESM for bundlers, IIFE for a <script> tag) and the frame
// (Preact app + CSS), then writes dist/frame-assets.js: the frame's files as
// strings, so the BFF serves them on any runtime without a file system.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };
// The form (frame and inline): es2022, so class private fields stay native (es2020 turns each
// into a WeakMap helper); the loaders, which run on the merchant's page, stay es2020.
const form = { ...common, target: 'es2022' };
// For bundlers: whitespace kept, so the magic comments that stop webpack and
// Vite from resolving the inline module's runtime URL survive.
await build({
  ...common,
  minify: false,
  minifySyntax: true,
  minifyIdentifiers: true,
  entryPoints: ['src/loader/index.ts'],
  format: 'esm',
  outfile: 'dist/loader.js',
});
await build({ ...common, entryPoints: ['src/loader/script.ts'], format: 'iife', outfile: 'dist/cardbind.js' });
await build({
  ...form,
  entryPoints: ['src/frame/main.tsx'],
  format: 'esm',
  outfile: 'dist/frame/frame.js',
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
await build({ ...common, entryPoints: ['src/frame/styles.css'], outfile: 'dist/frame/frame.css' });
const css = readFileSync('dist/frame/frame.css', 'utf8');
// Inline mode: the same app with its styles as a string, adopted into a shadow root.
await build({
  ...form,
  entryPoints: ['src/inline/index.tsx'],
  format: 'esm',
  outfile: 'dist/inline.js',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  define: { __CARDBIND_CSS__: JSON.stringify(css) },
});

const js = readFileSync('dist/frame/frame.js', 'utf8');
const inline = readFileSync('dist/inline.js', 'utf8');
const loader = readFileSync('dist/cardbind.js', 'utf8');
const version = createHash('sha256').update(js).update(css).update(inline).digest('hex').slice(0, 12);
mkdirSync('dist/types', { recursive: true });
writeFileSync(
  'dist/frame-assets.js',
  `export const FRAME_VERSION = ${JSON.stringify(version)};\n` +
    `export const FRAME_JS = ${JSON.stringify(js)};\n` +
    `export const FRAME_CSS = ${JSON.stringify(css)};\n` +
    `export const LOADER_SCRIPT = ${JSON.stringify(loader)};\n` +
    `export const INLINE_JS = ${JSON.stringify(inline)};\n`,
);
writeFileSync(
  'dist/types/frame-assets.d.ts',
  '/** Content hash of the frame script and styles (cache busting). */\nexport declare const FRAME_VERSION: string;\n' +
    '/** The frame app (Preact), one ES module. */\nexport declare const FRAME_JS: string;\n' +
    'export declare const FRAME_CSS: string;\n/** The <script> build of the loader (window.Cardbind). */\nexport declare const LOADER_SCRIPT: string;\n' +
    '/** Inline mode (shadow DOM): the form and its styles, one ES module. */\nexport declare const INLINE_JS: string;\n',
);
