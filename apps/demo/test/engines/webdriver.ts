import { type ChildProcess, spawn } from 'node:child_process';
import { freePort } from '@cardbind/sandbox/node';
import { record } from '../../../../scripts/test-processes/track.js';
import type { Engine, Key, Tab, Viewport } from './cardholder.js';

/**
 * WebKitGTK, the engine of every iOS browser and of WeChat on iOS, as Debian ships it: its
 * MiniBrowser driven by WebKitWebDriver over classic W3C WebDriver (plain HTTP + JSON; the few
 * commands below are the whole client), on a display of its own from Xvfb.
 */
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const KEYS: Record<Key, string> = { Tab: '\uE004', Enter: '\uE007', Space: '\uE00D' };

export async function launchWebKit(): Promise<Engine> {
  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children
        .reverse()
        .filter((child) => child.exitCode === null && child.signalCode === null)
        .map((child) => {
          const exited = new Promise((resolve) => child.once('exit', resolve));
          child.kill('SIGKILL');
          return exited;
        }),
    );
  };
  try {
    const display = await startXvfb(children);
    const port = await freePort();
    const driver = spawn(process.env.WEBKIT_WEBDRIVER_PATH ?? 'WebKitWebDriver', [`--port=${port}`], {
      env: { ...process.env, DISPLAY: display },
      stdio: 'ignore',
    });
    children.push(driver);
    record(driver);
    const base = `http://127.0.0.1:${port}`;
    await ready(base, driver);
    let version = '';
    return {
      name: 'webkit',
      get version() {
        return version;
      },
      async open(viewport) {
        const tab = await openSession(base, viewport);
        version = tab.version;
        return tab;
      },
      close: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Xvfb on the first free display (it writes the number it took to the descriptor it is given). */
function startXvfb(children: ChildProcess[]): Promise<string> {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '640x960x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
  });
  children.push(xvfb);
  record(xvfb);
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('error', reject);
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited ${code}`)));
  });
}

async function ready(base: string, driver: ChildProcess): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    if (driver.exitCode !== null) throw new Error(`WebKitWebDriver exited ${driver.exitCode}`);
    const status = await fetch(`${base}/status`).catch(() => undefined);
    if (status?.ok) return;
    if (attempt > 200) throw new Error('WebKitWebDriver did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function call<T>(url: string, method: 'GET' | 'POST' | 'DELETE', body?: unknown): Promise<T> {
  const res = await fetch(
    url,
    body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  const { value } = (await res.json()) as { value: T & { error?: string; message?: string } };
  if (!res.ok) throw new Error(`WebDriver ${method} ${new URL(url).pathname}: ${value.error}: ${value.message}`);
  return value;
}

async function openSession(base: string, viewport: Viewport): Promise<Tab & { version: string }> {
  const created = await call<{ sessionId: string; capabilities: { browserVersion: string } }>(
    `${base}/session`,
    'POST',
    {
      capabilities: { alwaysMatch: { 'webkitgtk:browserOptions': { args: ['--automation', '--full-screen'] } } },
    },
  );
  const session = `${base}/session/${created.sessionId}`;
  let closing: Promise<void> | undefined;
  const command = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    call<T>(`${session}${path}`, method, body);
  const evaluate = <T>(expression: string) =>
    command<T>('POST', '/execute/sync', { script: `return (${expression});`, args: [] });
  const element = async (selector: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      try {
        const found = await command<Record<string, string>>('POST', '/element', {
          using: 'css selector',
          value: selector,
        });
        return found[ELEMENT];
      } catch (error) {
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  };
  let inFrame = false;
  const enterFrame = async () => {
    await command('POST', '/frame', { id: null });
    await command('POST', '/frame', { id: { [ELEMENT]: await element('#cardbind iframe') } });
    inFrame = true;
  };
  // The window's outer size is what WebDriver sets: correct it by what the page then measures.
  await command('POST', '/window/rect', viewport);
  const [innerWidth, innerHeight] = await evaluate<[number, number]>('[innerWidth, innerHeight]');
  await command('POST', '/window/rect', {
    width: 2 * viewport.width - innerWidth,
    height: 2 * viewport.height - innerHeight,
  });
  return {
    version: created.capabilities.browserVersion,
    goto: (url) => command('POST', '/url', { url }),
    async inWidget() {
      await enterFrame();
      await element('form, .result');
    },
    async inPage() {
      inFrame = false;
      await command('POST', '/frame', { id: null });
    },
    async keys(text) {
      await command('POST', '/actions', {
        actions: [{ type: 'key', id: 'keyboard', actions: [...text].flatMap((c) => keystroke(c)) }],
      });
    },
    async click(selector) {
      // WebKitWebDriver scrolls the frame's own document, not the page around a cross-origin
      // frame: bring the element into the page's view first, as the cardholder would scroll.
      if (inFrame) {
        await element(selector);
        const { y, height } = await evaluate<DOMRect>(
          `document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect().toJSON()`,
        );
        await command('POST', '/frame', { id: null });
        await evaluate(
          `(scrollBy(0, document.querySelector('#cardbind iframe').getBoundingClientRect().top + ${y + height / 2} - innerHeight / 2), true)`,
        );
        await enterFrame();
      }
      await command('POST', `/element/${await element(selector)}/click`, {});
    },
    async press(key) {
      await command('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions: keystroke(KEYS[key]) }] });
    },
    evaluate,
    url: () => command<string>('GET', '/url'),
    reload: () => command('POST', '/refresh', {}),
    // Once: a flow that needs a second browser closes this one first (one session at a time).
    close: () => (closing ??= command<void>('DELETE', '')),
  };
}

const keystroke = (value: string) => [
  { type: 'keyDown', value },
  { type: 'keyUp', value },
];
