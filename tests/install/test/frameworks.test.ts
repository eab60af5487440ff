/**
 * docs/widget.md's framework recipes, as a merchant would use them: the widget's packed tarball
 * installed with npm beside React, Vue and Vite in a project outside the workspace; each recipe's
 * component, taken from the page, compiled by Vite, rendered on a server (react-dom/server,
 * vue/server-renderer: what Next.js and Nuxt do with it), hydrated in Chromium, where its form
 * verifies a card against `cardbind dev`, and unmounted.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server as HttpServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { marked, type Tokens } from 'marked';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SHELL } from '../../../scripts/test-processes/browsers.js';
import { installLine, packWithScript, ROOT, tarballsOf } from './packages.js';
import { cleanEnv, freePort, serve, sh } from './processes.js';

const BFF_BIN = `${ROOT}apps/bff/bin/cardbind.js`;
const zhang = { name: '张三', idNumber: '11010519491231002X', card: '6222020000000001008' };
/** The frameworks, pinned: versions that run on Node 20. */
const INSTALL = 'react@19.1.10 react-dom@19.1.10 vue@3.5.47 vite@7.3.8 @vitejs/plugin-vue@6.1.1';

let project: string;
let browser: Browser | undefined;
let pages: HttpServer | undefined;
const html = new Map<string, string>();

// The BFF the pages use, `cardbind dev` for this file's page origin. Started here, not in a hook:
// the process is then stopped after the file, whatever happens (see scripts/test-processes).
const port = await freePort();
const pageUrl = `http://127.0.0.1:${port}`;
const devDir = await mkdtemp(join(tmpdir(), 'cardbind-frameworks-bff-'));
const dev = await serve(`node ${BFF_BIN} dev --json --port 0 --origin ${pageUrl}`, devDir, cleanEnv({}));
const bff = JSON.parse(dev.lines.find((l) => l.startsWith('{')) ?? '{}') as { url: string; apiKey: string };

/** The ```lang file=<name>``` blocks of docs/widget.md. */
async function recipeFiles(): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const token of marked.lexer(await readFile(`${ROOT}docs/widget.md`, 'utf8'))) {
    const name = token.type === 'code' && /\bfile=(\S+)/.exec((token as Tokens.Code).lang ?? '')?.[1];
    if (name) files.set(name, `${(token as Tokens.Code).text}\n`);
  }
  return files;
}

/** What the merchant's own code around the recipes is: a page for each, and its server entry. */
const HARNESS: Record<string, string> = {
  'vite.config.mjs': `import vue from '@vitejs/plugin-vue';
export default { plugins: [vue()], esbuild: { jsx: 'automatic' }, logLevel: 'warn' };
`,
  'options.ts': `export const options = (bffUrl: string) => ({
  bffUrl,
  mode: 'verify' as const,
  locale: 'en' as const,
  fetchToken: () => fetch('/session', { method: 'POST' }).then((r) => r.json()).then((s) => s.token),
  onSuccess: (result: { card?: string }) => document.body.setAttribute('data-verified', result.card ?? ''),
});
`,
  'react-page.tsx': `import { CardbindWidget } from './CardbindWidget.js';
import { options } from './options.js';
export const Page = ({ bffUrl }: { bffUrl: string }) => <main><h1>Checkout</h1><CardbindWidget {...options(bffUrl)} /></main>;
`,
  'react-server.tsx': `import { renderToString } from 'react-dom/server';
import { Page } from './react-page.js';
export const render = (bffUrl: string) => renderToString(<Page bffUrl={bffUrl} />);
`,
  'react-client.tsx': `import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { Page } from './react-page.js';
const app = document.getElementById('app') as HTMLElement;
const root = hydrateRoot(app, <StrictMode><Page bffUrl={app.dataset.bff as string} /></StrictMode>);
(window as unknown as { unmountApp: () => void }).unmountApp = () => root.unmount();
`,
  'vue-app.ts': `import { createSSRApp, h } from 'vue';
import CardbindWidget from './CardbindWidget.vue';
import { options } from './options.js';
export const app = (bffUrl: string) => createSSRApp({ render: () => h('main', [h('h1', 'Checkout'), h(CardbindWidget, { options: options(bffUrl) })]) });
`,
  'vue-server.ts': `import { renderToString } from 'vue/server-renderer';
import { app } from './vue-app.js';
export const render = (bffUrl: string) => renderToString(app(bffUrl));
`,
  'vue-client.ts': `import { app } from './vue-app.js';
const element = document.getElementById('app') as HTMLElement;
const vue = app(element.dataset.bff as string);
vue.mount(element);
(window as unknown as { unmountApp: () => void }).unmountApp = () => vue.unmount();
`,
};

beforeAll(async () => {
  project = await mkdtemp(join(tmpdir(), 'cardbind-frameworks-'));
  const tarball = tarballsOf(installLine(await packWithScript(project, ['@cardbind/widget']))).get('@cardbind/widget');
  const env = cleanEnv({});
  await writeFile(join(project, 'package.json'), '{ "name": "shop", "private": true, "type": "module" }\n');
  await sh(`npm install ${tarball} ${INSTALL} --no-audit --no-fund`, project, env);
  const recipes = await recipeFiles();
  expect([...recipes.keys()].sort()).toEqual(['CardbindWidget.tsx', 'CardbindWidget.vue']);
  for (const [name, text] of [...recipes, ...Object.entries(HARNESS)]) await writeFile(join(project, name), text);
  // Compiled for the browser, and for the server (where the widget's module is imported in Node).
  await mkdir(join(project, 'dist'));
  await writeFile(
    join(project, 'build.mjs'),
    `import { build } from 'vite';
for (const name of ['react', 'vue']) {
  // React in development: its StrictMode then mounts, unmounts and mounts again, as in a merchant's dev server.
  const mode = name === 'react' ? 'development' : 'production';
  await build({ mode, define: { 'process.env.NODE_ENV': JSON.stringify(mode) }, build: { minify: false, outDir: 'dist/client', emptyOutDir: false, rollupOptions: { input: { [name]: \`\${name}-client.\${name === 'react' ? 'tsx' : 'ts'}\` }, output: { entryFileNames: '[name].js' } } } });
  await build({ build: { ssr: \`\${name}-server.\${name === 'react' ? 'tsx' : 'ts'}\`, outDir: \`dist/\${name}-server\` } });
}
`,
  );
  await sh('node build.mjs', project, env);
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => (pages ? pages.close(resolve) : resolve(undefined)));
  if (project) await rm(project, { recursive: true, force: true });
  await rm(devDir, { recursive: true, force: true });
});

describe("docs/widget.md's recipes: compiled, rendered on a server, mounted in Chromium", () => {
  beforeAll(async () => {
    pages = createServer(async (req, res) => {
      if (req.method === 'POST' && req.url === '/session') {
        // The merchant's server: a session for this page, with the API key that stays here.
        const session = await fetch(`${bff.url}/v1/sessions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${bff.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ operations: ['verify3'], origin: pageUrl }),
        });
        res.writeHead(session.status, { 'content-type': 'application/json' }).end(await session.text());
        return;
      }
      const page = html.get(req.url ?? '');
      if (page) return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      const script = /^\/(react|vue)\.js$/.exec(req.url ?? '')?.[0];
      if (!script) return void res.writeHead(404).end();
      res
        .writeHead(200, { 'content-type': 'text/javascript' })
        .end(await readFile(join(project, 'dist/client', script)));
    });
    await new Promise<void>((resolve) => pages?.listen(port, '127.0.0.1', resolve));
    browser = await chromium.launch({ executablePath: CHROMIUM_SHELL, args: ['--no-sandbox', '--disable-gpu'] });
  });

  for (const framework of ['react', 'vue'] as const) {
    it(`${framework}: the server sends the empty element; the browser mounts one form, which verifies; unmount takes it away`, async () => {
      const server = (await import(join(project, `dist/${framework}-server/${framework}-server.js`))) as {
        render: (bffUrl: string) => string | Promise<string>;
      };
      const rendered = await server.render(bff.url);
      expect(rendered).toContain('<h1>Checkout</h1>');
      expect(rendered).toMatch(/<div( [^>]*)?><\/div>/);
      expect(rendered).not.toContain('iframe');
      html.set(
        `/${framework}`,
        `<!doctype html><html><head><link rel="icon" href="data:,"></head><body><div id="app" data-bff="${bff.url}">${rendered}</div><script type="module" src="/${framework}.js"></script></body></html>`,
      );
      const page = await (browser as Browser).newPage();
      const problems: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error' || /hydrat|mismatch/i.test(m.text())) problems.push(m.text());
      });
      page.on('pageerror', (e) => problems.push(e.message));
      await page.goto(`${pageUrl}/${framework}`);
      const frame = page.frameLocator('#app iframe');
      await frame.locator('form').waitFor();
      // React's StrictMode mounted it twice: the first was taken away.
      expect(await page.locator('#app iframe').count()).toBe(1);
      await frame.locator('#name').fill(zhang.name);
      await frame.locator('#idNumber').fill(zhang.idNumber);
      await frame.locator('#cardNumber').fill(zhang.card);
      await frame.locator('#consent').check();
      await frame.locator('button[type=submit]').click();
      await frame.locator('.outcome.verified').waitFor();
      await page.waitForFunction(() => document.body.getAttribute('data-verified') === '622202*********1008');
      await page.evaluate(() => (window as unknown as { unmountApp: () => void }).unmountApp());
      expect(await page.locator('iframe').count()).toBe(0);
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});
