import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type Browser, chromium, type Frame, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { CHROMIUM_SHELL } from '../../../scripts/test-processes/browsers.js';
import { startDemo } from '../server/demo.mjs';

export { fullWidth, maria, zhang } from './identities.js';

/**
 * What the browser tests share: the demo checkout in Debian's Chromium,
 * against the real BFF (embedded store) and the provider simulators, each on
 * its own loopback listener; started for each test file that calls `useCheckout()`.
 */
const SHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;
export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export let demo: Awaited<ReturnType<typeof startDemo>>;
export let browser: Browser;
/** The CSP violations the pages of the current file logged. */
export const violations: string[] = [];

/**
 * A fresh demo and Chromium for the calling file, stopped after it. Called at the top of the file:
 * the files of the run share this module (`isolate: false`), so hooks registered at its top level
 * would belong to the first file only.
 */
export function useCheckout(): void {
  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    violations.length = 0;
    clockOffset = 0;
    demo = await startDemo({ now: () => Date.now() + clockOffset });
    browser = await chromium.launch({ executablePath: CHROMIUM_SHELL, args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });
}

let clockOffset = 0;
/** Moves the demo BFF's clock forward by `ms` (a hosted link's expiry); back to now with 0. */
export const setDemoClock = (ms: number) => {
  clockOffset = ms;
};

export const DESKTOP = { width: 600, height: 900 };
/** A phone: 375×667 CSS pixels. */
export const PHONE = { width: 375, height: 667 };

export async function open(query: string, viewport = DESKTOP): Promise<{ page: Page; frame: Frame }> {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.goto(`${demo.url}/?${query}`);
  const frame = await frameOf(page);
  return { page, frame };
}

export async function frameOf(page: Page): Promise<Frame> {
  const handle = await page.waitForSelector('#cardbind iframe');
  const frame = await handle.contentFrame();
  if (!frame) throw new Error('no frame');
  await frame.waitForSelector('form, .result');
  return frame;
}

export async function axe(frame: Frame, label: string) {
  await frame.evaluate(axeSource);
  const result = (await frame.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      // The frame is a part of the merchant's page, whose heading names it: no h1 of its own.
      rules: { 'page-has-heading-one': { enabled: false } },
    }),
  )) as { violations: { id: string; nodes: unknown[] }[] };
  expect(result.violations.map((v) => `${label}: ${v.id}`)).toEqual([]);
}

export const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });

export async function fill(
  frame: Frame | Page,
  values: Partial<Record<'name' | 'idNumber' | 'cardNumber' | 'phone', string>>,
) {
  for (const [field, value] of Object.entries(values)) {
    await frame.fill(`#${field}`, '');
    await frame.type(`#${field}`, value);
    await frame.dispatchEvent(`#${field}`, 'blur');
  }
}

/** A paste: the text arrives in one insertion, as the clipboard delivers it (maxlength applies to it). */
export async function paste(page: Page, frame: Frame, selector: string, text: string) {
  await frame.fill(selector, '');
  await frame.focus(selector);
  await page.keyboard.insertText(text);
}

/** The JSON bodies the frame sends to `path`. */
export function bodiesTo(page: Page, path: string): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path) bodies.push(r.postDataJSON());
  });
  return bodies;
}

export const en = (locale: string) => locale === 'en';

/** Each of the cardholder's situations: a desktop and a phone, in Chinese and in English. */
export const SITUATIONS = [DESKTOP, PHONE].flatMap((viewport) =>
  (['zh-CN', 'en'] as const).map((locale) => ({ device: viewport === PHONE ? 'phone' : 'desktop', viewport, locale })),
);
