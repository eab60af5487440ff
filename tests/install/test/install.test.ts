/**
 * A merchant's view of cardbind: every public package packed as the registry
 * would get it, installed with npm into a project outside the workspace, and
 * used only through what the packages and docs/quickstart.md offer.
 */

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SHELL } from '../../../scripts/test-processes/browsers.js';
import { installLine, ROOT, tarballsOf } from './packages.js';
import { cleanEnv, freePort, type Server, serve, sh } from './processes.js';
import { quickstartSteps } from './quickstart.js';

const BIN = `${ROOT}tests/install/node_modules/.bin`;
const zhang = { name: '张三', idNumber: '11010519491231002X', card: '6222020000000001008', phone: '13800138000' };

/** The README's command that installs the workspace (the suite runs in it, installed). */
const WORKSPACE_INSTALL = 'npx -y pnpm@10.34.8 install --frozen-lockfile';

let scratch: string;
let shop: string;
let packed: string;
let browser: Browser | undefined;

beforeAll(async () => {
  // Outside the workspace: nothing here can resolve a package through it.
  scratch = await mkdtemp(join(tmpdir(), 'cardbind-merchant-'));
  shop = join(scratch, 'shop');
  packed = join(scratch, 'packed');
  await mkdir(shop);
});
afterAll(async () => {
  await browser?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** The quickstart's install steps, done before any test uses the packages: what `pack:all` printed. */
let printedInstall: Promise<string> | undefined;
function packAsDocumented(): Promise<string> {
  printedInstall ??= (async () => {
    const pack = (await quickstartSteps()).find((step) => step.kind === 'pack');
    if (pack?.kind !== 'pack') throw new Error('docs/quickstart.md has no ```sh pack``` block');
    let printed = '';
    for (const command of pack.commands) {
      // The workspace is installed already (the suite runs in it); the doc's line is the README's.
      if (command === WORKSPACE_INSTALL) continue;
      if (!/pack:all$/.test(command)) throw new Error(`the quickstart's pack block runs ${command}`);
      // As documented, plus what the suite needs: built already, and written outside the tree.
      printed = (await sh(`${command} --no-build --out ${packed}`, ROOT, process.env)).stdout;
    }
    return installLine(printed);
  })();
  return printedInstall;
}

describe('the published packages', () => {
  it('are core, sandbox, widget, ops-page, client and bff; each passes publint and arethetypeswrong', async () => {
    const tarballs = tarballsOf(await packAsDocumented());
    expect([...tarballs.keys()]).toEqual([
      '@cardbind/bff',
      '@cardbind/client',
      '@cardbind/core',
      '@cardbind/ops-page',
      '@cardbind/sandbox',
      '@cardbind/widget',
    ]);
    // Side by side: a dozen short processes that each spend most of their time starting up.
    const linted = await Promise.all(
      [...tarballs].map(async ([name, tarball]) => {
        const lint = await sh(`${BIN}/publint run ${tarball} --strict`, scratch, process.env);
        // ESM only, on purpose (Node ≥ 20.19 loads it from CommonJS too): the CJS-only resolutions are not checked.
        await sh(`${BIN}/attw ${tarball} --profile esm-only --format ascii`, scratch, process.env);
        return [name, lint.stdout] as const;
      }),
    );
    for (const [name, stdout] of linted) expect(stdout, name).toContain('All good!');
  });
});

describe('docs/quickstart.md, followed literally', () => {
  let shopPort: number;
  let bffPort: number;
  const servers: Server[] = [];
  /**
   * Other ports than the quickstart's, changed where it says to change them (its `init` command)
   * and nowhere else: every later step must follow from the configuration and .env.
   */
  const ported = (command: string) =>
    /^npx cardbind init /.test(command)
      ? command.replace(/\b3000\b/g, String(shopPort)).replace(/\b8787\b/g, String(bffPort))
      : command;

  beforeAll(async () => {
    shopPort = await freePort();
    bffPort = await freePort();
  });

  it('names its ports in the init command only', async () => {
    for (const step of await quickstartSteps()) {
      const text =
        step.kind === 'file' ? step.text : step.kind === 'serve' || step.kind === 'install' ? step.command : '';
      const commands = step.kind === 'run' ? step.commands.filter((c) => !/^npx cardbind init /.test(c)) : [];
      for (const part of [text, ...commands]) expect(part).not.toMatch(/\b(3000|8787)\b/);
    }
  });

  it('runs every block in order: pack, install, init, dev, server, page, on other ports; Chromium verifies and binds; webhooks arrive', async () => {
    // No PORT: the ports come from the init command alone.
    const env = cleanEnv({});
    for (const step of await quickstartSteps()) {
      if (step.kind === 'pack') continue; // packAsDocumented() ran these
      if (step.kind === 'install') {
        const printed = await packAsDocumented();
        // The doc shows the line pack:all prints, but for the clone's path.
        expect(step.command.replaceAll('/path/to/cardbind/packed/', `${packed}/`)).toBe(printed);
        await sh(`${printed} --no-audit --no-fund`, shop, env);
      } else if (step.kind === 'file') await writeFile(join(shop, step.name), step.text);
      else if (step.kind === 'run') for (const command of step.commands) await sh(ported(command), shop, env);
      else servers.push(await serve(step.command, shop, env));
    }
    const [bff, server] = servers;
    expect(bff?.url).toBe(`http://127.0.0.1:${bffPort}`);
    expect(server?.url).toBe(`http://localhost:${shopPort}`);

    browser = await chromium.launch({ executablePath: CHROMIUM_SHELL, args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage();
    await page.goto(`http://localhost:${shopPort}/`);
    let frame = await widgetFrame(page);
    await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card });
    await frame.check('#consent');
    await frame.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Confirmed'));
    expect(await page.textContent('#status')).toBe('Confirmed by the server: 622202*********1008');
    expect(await server?.waitFor(/^webhook verification\.completed evt_ver_[0-9a-f]{32}$/)).toBeTruthy();

    // 6. Bind the card: the sandbox bank page, Approve, back on the shop.
    await page.goto(`http://localhost:${shopPort}/?mode=bind`);
    frame = await widgetFrame(page);
    await fill(frame, { cardNumber: zhang.card, name: zhang.name, idNumber: zhang.idNumber, phone: zhang.phone });
    await frame.waitForFunction(() => (document.querySelector('#bank') as HTMLInputElement | null)?.value !== '');
    await frame.check('#consent');
    await Promise.all([page.waitForURL(/\/bank\//), frame.click('button[type=submit]')]);
    await Promise.all([page.waitForURL(/cardbind_order=BC/), page.click('button[value=approve]')]);
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Confirmed'), null, {
      timeout: 30_000,
    });
    expect(await page.textContent('#status')).toBe('Confirmed by the server: 622202*********1008');
    expect(await server?.waitFor(/^webhook bind_card\.succeeded evt_BC/)).toBeTruthy();
  });
});

async function widgetFrame(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#cardbind iframe');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('form');
  return frame;
}

async function fill(frame: Frame, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values)) {
    await frame.fill(`#${field}`, value);
    await frame.dispatchEvent(`#${field}`, 'blur');
  }
}

describe('the installed packages, used from a merchant server', () => {
  it('init, dev, a session from the client, a verification over HTTP, read back, its webhook verified; types check', async () => {
    const env = cleanEnv({});
    const init = await sh('npx cardbind init --config merchant.config.json --origin https://merchant.test', shop, env);
    const apiKey = /sk_test_[A-Za-z0-9_-]{43}/.exec(init.stdout)?.[0] ?? '';
    expect(apiKey).not.toBe('');

    const bodies: string[] = [];
    const receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        bodies.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const address = receiver.address();
    const hook = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hook`;
    try {
      const dev = await serve(
        `npx cardbind dev --config merchant.config.json --port 0 --json --webhook-url ${hook}`,
        shop,
        env,
      );
      const listening = JSON.parse(await dev.waitFor(/"event":"listening"/)) as { url: string; apiKey?: string };
      expect(listening.apiKey).toBeUndefined();

      await writeFile(join(shop, 'merchant-check.mjs'), MERCHANT_CHECK);
      const run = await sh('node merchant-check.mjs', shop, cleanEnv({ BFF: listening.url, KEY: apiKey }));
      const result = JSON.parse(run.stdout) as { id: string; readBack: { id: string; outcome: { status: string } } };
      expect(result.readBack).toMatchObject({ id: result.id, kind: 3, outcome: { status: 'verified' } });

      const deadline = Date.now() + 20_000;
      while (bodies.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await writeFile(join(shop, 'webhook.jws'), bodies[0] ?? '');
      const verified = await sh('node verify-webhook.mjs', shop, cleanEnv({ BFF: listening.url, KEY: apiKey }));
      expect(JSON.parse(verified.stdout)).toMatchObject({ type: 'verification.completed', data: { id: result.id } });
    } finally {
      await new Promise((resolve) => receiver.close(resolve));
    }

    await writeFile(join(shop, 'tsconfig.json'), TSCONFIG);
    await writeFile(join(shop, 'types.ts'), TYPES);
    await sh(`${BIN}/tsc -p tsconfig.json`, shop, env);
  });
});

const MERCHANT_CHECK = `import { createCardbindClient } from '@cardbind/client';
import { writeFile } from 'node:fs/promises';

const cardbind = createCardbindClient({ baseUrl: process.env.BFF, apiKey: process.env.KEY });
const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: 'https://merchant.test' });
// What the widget does in the browser.
const res = await fetch(\`\${process.env.BFF}/v1/verifications\`, {
  method: 'POST',
  headers: { authorization: \`Bearer \${token}\`, origin: 'https://merchant.test', 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
  body: JSON.stringify({ kind: 3, name: '${zhang.name}', idNumber: '${zhang.idNumber}', cardNumber: '${zhang.card}', consent: true }),
});
const { id } = await res.json();
const readBack = await cardbind.verifications.retrieve(id);
await writeFile('verify-webhook.mjs', [
  "import { readFile } from 'node:fs/promises';",
  "import { createCardbindClient } from '@cardbind/client';",
  "const cardbind = createCardbindClient({ baseUrl: process.env.BFF, apiKey: process.env.KEY });",
  "console.log(JSON.stringify(await cardbind.webhooks.verify(await readFile('webhook.jws', 'utf8'))));",
].join('\\n'));
console.log(JSON.stringify({ id, readBack }));
`;

const TSCONFIG = JSON.stringify({
  compilerOptions: {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    target: 'es2022',
    lib: ['es2023', 'dom'],
    strict: true,
    noEmit: true,
    skipLibCheck: false,
    types: [],
  },
  files: ['types.ts'],
});

/** Compiles only if the installed packages carry real types (not any). */
const TYPES = `import { type Verification, type WebhookEvent, createCardbindClient } from '@cardbind/client';
import { mount, type SuccessResult } from '@cardbind/widget';

const cardbind = createCardbindClient({ baseUrl: 'http://127.0.0.1:8787', apiKey: 'sk_test_x' });
export async function read(id: string): Promise<'verified' | 'mismatch' | 'card_rejected' | 'invalid_input' | 'unavailable' | 'failed'> {
  const v: Verification = await cardbind.verifications.retrieve(id);
  return v.outcome.status;
}
// @ts-expect-error: not an operation
cardbind.sessions.create({ operations: ['pay'], origin: 'https://merchant.test' });
export function onEvent(event: WebhookEvent): string {
  switch (event.type) {
    case 'verification.completed':
      return event.data.outcome.status;
    case 'hosted_session.expired':
      return event.data.id;
    default:
      return event.data.orderNo;
  }
}
export function onSuccess(result: SuccessResult): string {
  return result.kind === 'verification' ? result.id : result.orderNo;
}
export const widget = () => mount(document.body, { token: 't', bffUrl: 'http://127.0.0.1:8787', mode: 'verify' });
`;
