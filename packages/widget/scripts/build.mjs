// Builds the loader (ESM for bundlers, IIFE for a <script> tag) and the frame
// (Preact app + CSS), then writes dist/frame-assets.js: the frame's files as
// strings, so the BFF serves them on any runtime without a file system.
import { createHash } from 'node:crypto';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build, transform } from 'esbuild';

const common = { bundle: true, minify: true, target: 'es2020', legalComments: 'none', logLevel: 'warning' };

/**
 * The form's strings are not in its scripts: strings.ts becomes a module that returns a
 * placeholder, which the BFF replaces with the one locale a page asks for (frame-assets'
 * `localized`). Each script must hold the placeholder exactly once.
 */
const PLACEHOLDER = '__CARDBIND_STRINGS__';
const stringsPlaceholder = {
  name: 'strings-placeholder',
  setup(b) {
    b.onResolve({ filter: /\/strings\.js$/ }, () => ({ path: 'strings', namespace: 'placeholder' }));
    b.onLoad({ filter: /.*/, namespace: 'placeholder' }, () => ({
      contents: `export const stringsFor = () => ${PLACEHOLDER};`,
      loader: 'js',
    }));
  },
};
// The form (frame and inline): es2022, so class private fields stay native (es2020 turns each
// into a WeakMap helper); the loaders, which run on the merchant's page, stay es2020.
const form = { ...common, target: 'es2022', plugins: [stringsPlaceholder] };
// For bundlers: minified, then the magic comments that stop webpack and Vite from resolving the
// inline module's runtime URL put back (a minifier drops comments; keeping all whitespace for them
// cost 0.25 kB gzipped).
const MAGIC = '/* @vite-ignore */ /* webpackIgnore: true */ ';
const esm = await build({ ...common, entryPoints: ['src/loader/index.ts'], format: 'esm', write: false });
const esmText = esm.outputFiles[0].text;
if (esmText.split('import(new URL(').length !== 2) throw new Error('the loader must import the inline module once');
mkdirSync('dist', { recursive: true });
writeFileSync('dist/loader.js', esmText.replace('import(new URL(', `import(${MAGIC}new URL(`));
await build({ ...common, entryPoints: ['src/loader/script.ts'], format: 'iife', outfile: 'dist/cardbind.js' });
// The form, one module for both of its uses: inlined in the frame's page (which it starts) and
// inline mode's module (renderInline); the BFF holds it once.
await build({
  ...form,
  entryPoints: ['src/form.ts'],
  format: 'esm',
  outfile: 'dist/frame/form.js',
  jsx: 'automatic',
  jsxImportSource: 'preact',
});
await build({ ...common, entryPoints: ['src/frame/styles.css'], outfile: 'dist/frame/frame.css' });
const css = readFileSync('dist/frame/frame.css', 'utf8');
// The frame page's first script (src/frame/ping.ts), inlined after the form the page holds.
const ping = await build({ ...common, entryPoints: ['src/frame/ping.ts'], format: 'iife', write: false });
const pingJs = ping.outputFiles[0].text.trim();
if (/<\/script/i.test(pingJs)) throw new Error('ping.js holds "</script"');
// Each form the BFF holds written out, per language (src/frame/prerender.tsx, all strings in).
await build({
  ...common,
  entryPoints: ['src/frame/prerender.tsx'],
  format: 'esm',
  platform: 'node',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  outfile: 'dist/prerender/prerender.mjs',
});
const { prerender, PRERENDERED_FORMS } = await import(new URL('../dist/prerender/prerender.mjs', import.meta.url).href);
rmSync('dist/prerender', { recursive: true });
// Inline mode adopts the styles into a shadow root: they are written in where the script names
// __CARDBIND_CSS__ when served as inline mode's (`localized`), so the BFF holds them once.
const formJs = readFileSync('dist/frame/form.js', 'utf8');
const loader = readFileSync('dist/cardbind.js', 'utf8');
const CSS_PLACEHOLDER = '__CARDBIND_CSS__';
for (const [placeholder, name] of [
  [PLACEHOLDER, 'strings'],
  [CSS_PLACEHOLDER, 'styles'],
]) {
  const count = formJs.split(placeholder).length - 1;
  if (count !== 1) throw new Error(`form.js holds the ${name} placeholder ${count} times, not once`);
}
// Each locale's strings as a JSON literal, from the source (i18n.ts is data only).
const i18n = await build({ ...common, entryPoints: ['src/frame/i18n.ts'], format: 'esm', write: false });
const { STRINGS } = await import(
  `data:text/javascript;base64,${Buffer.from(i18n.outputFiles[0].text).toString('base64')}`
);
const strings = Object.fromEntries(Object.entries(STRINGS).map(([locale, s]) => [locale, JSON.stringify(s)]));
const version = createHash('sha256')
  .update(formJs)
  .update(css)
  .update(JSON.stringify(strings))
  .digest('hex')
  .slice(0, 12);
mkdirSync('dist/types', { recursive: true });
writeFileSync(
  'dist/frame-assets.js',
  `export const FRAME_VERSION = ${JSON.stringify(version)};\n` +
    // One script, two strings: inline mode's is told apart by a final newline (its styles are
    // written in), and is made at load, so the bundle holds the text once.
    `export const FRAME_JS = ${JSON.stringify(formJs)};\n` +
    'export const INLINE_JS = FRAME_JS + "\\n";\n' +
    `export const FRAME_CSS = ${JSON.stringify(css)};\n` +
    `export const FRAME_CSS_SHA256 = ${JSON.stringify(createHash('sha256').update(css).digest('base64'))};\n` +
    `export const LOADER_SCRIPT = ${JSON.stringify(loader)};\n` +
    `export const LOCALES = ${JSON.stringify(Object.keys(strings))};\n` +
    `export const PING_JS = ${JSON.stringify(pingJs)};\n` +
    `const PRERENDERED = ${JSON.stringify(
      Object.fromEntries(
        Object.keys(strings).map((locale) => [
          locale,
          Object.fromEntries(PRERENDERED_FORMS.map((form) => [form, prerender(form, locale)])),
        ]),
      ),
    )};\n` +
    `const STRINGS = ${JSON.stringify(strings)};\n` +
    // In parentheses: the placeholder may stand where a brace would open a block (\`()=>{…}\`).
    // Written once per script and locale, then kept: the BFF asks on every request for a ~40 kB script.
    'const served = new Map();\n' +
    `export const localized = (script, locale) => {\n` +
    `  const known = Object.hasOwn(STRINGS, locale) ? locale : 'zh-CN';\n` +
    `  let byLocale = served.get(script);\n` +
    `  if (!byLocale) served.set(script, (byLocale = new Map()));\n` +
    `  let text = byLocale.get(known);\n` +
    `  if (text === undefined) {\n` +
    // The frame's page holds its styles in a <style>: its script names none.
    `    const css = script === FRAME_JS ? '""' : JSON.stringify(FRAME_CSS);\n` +
    `    text = script.replace(${JSON.stringify(PLACEHOLDER)}, () => \`(\${STRINGS[known]})\`).replace(${JSON.stringify(CSS_PLACEHOLDER)}, () => css);\n` +
    `    byLocale.set(known, text);\n` +
    `  }\n` +
    `  return text;\n` +
    `};\n` +
    // The frame's page: its styles and scripts in it (allowed by their hashes in its CSP), so the
    // form needs one request, no chain; with \`form\`, that form written out, then ping.js (which
    // says \`rendered\` as it is parsed), then the form's script (a module: it runs once the page
    // is parsed, and hydrates the form).
    `export const framePage = (locale, form) => ${JSON.stringify('<!doctype html>\n<html lang="')} + locale +\n` +
    `  ${JSON.stringify('" data-cardbind-frame>\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>cardbind</title>\n<style>')} +\n` +
    `  FRAME_CSS + ${JSON.stringify('</style>\n</head>\n<body><div id="root">')} +\n` +
    `  (form ? PRERENDERED[locale][form] + '</div><script>' + PING_JS + '</script>' : '</div>') +\n` +
    `  '<script type="module">' + localized(FRAME_JS, locale) + ${JSON.stringify('</script></body>\n</html>')};\n`,
);
writeFileSync(
  'dist/types/frame-assets.d.ts',
  '/** Content hash of the frame script and styles (cache busting). */\nexport declare const FRAME_VERSION: string;\n' +
    "/** The form (Preact), one ES module: the frame's page inlines it (it starts the frame there). */\nexport declare const FRAME_JS: string;\n" +
    "export declare const FRAME_CSS: string;\n/** The styles' SHA-256 (base64): the frame inlines them, allowed by this hash in its CSP. */\nexport declare const FRAME_CSS_SHA256: string;\n/** The <script> build of the loader (window.Cardbind). */\nexport declare const LOADER_SCRIPT: string;\n" +
    '/** Inline mode (shadow DOM): the same module, as a distinct string (localized writes the styles into it). */\nexport declare const INLINE_JS: string;\n' +
    "/** The form's languages. */\nexport declare const LOCALES: readonly ('zh-CN' | 'en')[];\n" +
    "/** FRAME_JS or INLINE_JS as served: one locale's strings (an unknown locale: zh-CN's), and the styles where the inline script names them. */\n" +
    'export declare function localized(script: string, locale: string): string;\n' +
    "/** The frame page's first script: says `rendered` as the page is parsed (inlined after the written-out form). */\nexport declare const PING_JS: string;\n" +
    "/** The frame's page in `locale` (a known one: LOCALES), its styles and script inlined; with `form` (one of PRERENDERED_FORMS), that form written out, and PING_JS. */\n" +
    'export declare function framePage(locale: string, form?: string): string;\n',
);

// What a cardholder downloads, per language (the scripts as the BFF serves them): what the size
// budgets (.size-limit.json) measure.
mkdirSync('dist/served', { recursive: true });
const { localized } = await import(new URL('../dist/frame-assets.js', import.meta.url).href);
for (const locale of Object.keys(strings)) {
  for (const [name, script] of [
    ['frame', formJs],
    ['inline', `${formJs}\n`],
  ]) {
    const served = localized(script, locale);
    // Still a module once the strings are in (a syntax error here would be a blank form).
    await transform(served, { format: 'esm', loader: 'js' });
    // The frame's page holds its script: nothing in it may end the <script> element early.
    if (/<\/script/i.test(served)) throw new Error(`${name} (${locale}) holds "</script"`);
    writeFileSync(`dist/served/${name}.${locale}.js`, served);
  }
}
// The frame's script, in each language, is inlined in its page: allowed there by its hash.
const scriptHashes = Object.fromEntries(
  Object.keys(strings).map((locale) => [
    locale,
    createHash('sha256').update(localized(formJs, locale)).digest('base64'),
  ]),
);
appendFileSync('dist/frame-assets.js', `export const FRAME_JS_SHA256 = ${JSON.stringify(scriptHashes)};\n`);
// What a server needs beside the files themselves (dist/served/: the frame's page and inline
// mode's script per locale, the loader): for one that serves them from elsewhere (Workers
// static assets), without holding their text.
const { framePage } = await import(new URL('../dist/frame-assets.js', import.meta.url).href);
for (const locale of Object.keys(strings)) {
  writeFileSync(`dist/served/frame.${locale}.html`, framePage(locale));
  for (const form of PRERENDERED_FORMS)
    writeFileSync(`dist/served/frame.${locale}.${form}.html`, framePage(locale, form));
}
writeFileSync('dist/served/cardbind.js', loader);
const cssHash = createHash('sha256').update(css).digest('base64');
writeFileSync(
  'dist/frame-manifest.js',
  `export const FRAME_VERSION = ${JSON.stringify(version)};\n` +
    `export const FRAME_CSS_SHA256 = ${JSON.stringify(cssHash)};\n` +
    `export const FRAME_JS_SHA256 = ${JSON.stringify(scriptHashes)};\n` +
    `export const LOCALES = ${JSON.stringify(Object.keys(strings))};\n` +
    `export const PING_SHA256 = ${JSON.stringify(createHash('sha256').update(pingJs).digest('base64'))};\n` +
    `export const PRERENDERED_FORMS = ${JSON.stringify(PRERENDERED_FORMS)};\n`,
);
writeFileSync(
  'dist/types/frame-manifest.d.ts',
  '/** Content hash of the frame script and styles (cache busting). */\nexport declare const FRAME_VERSION: string;\n' +
    "/** The styles' SHA-256 (base64), for the frame page's CSP. */\nexport declare const FRAME_CSS_SHA256: string;\n" +
    "/** The frame's script's SHA-256 (base64) per locale, for the frame page's CSP. */\n" +
    "export declare const FRAME_JS_SHA256: Readonly<Record<'zh-CN' | 'en', string>>;\n" +
    "/** The form's languages. */\nexport declare const LOCALES: readonly ('zh-CN' | 'en')[];\n" +
    "/** The frame page's first script's SHA-256 (base64), for the CSP of a page with a written-out form. */\nexport declare const PING_SHA256: string;\n" +
    `/** The forms the BFF holds written out (\`?form=\` of the frame's page). */\nexport declare const PRERENDERED_FORMS: readonly (${PRERENDERED_FORMS.map((f) => JSON.stringify(f)).join(' | ')})[];\n`,
);
appendFileSync(
  'dist/types/frame-assets.d.ts',
  "/** localized(FRAME_JS, locale)'s SHA-256 (base64), per locale: the frame's page inlines it, allowed by this hash. */\n" +
    "export declare const FRAME_JS_SHA256: Readonly<Record<'zh-CN' | 'en', string>>;\n",
);
