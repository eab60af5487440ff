import puppeteer, { type Browser, type Frame, type Page } from 'puppeteer-core';
import { CHROMIUM } from '../../../../scripts/test-processes/browsers.js';
import type { Engine, Key, Tab, Viewport } from './cardholder.js';

/**
 * Chromium (over the DevTools protocol) and Firefox ESR (over WebDriver BiDi, which Firefox speaks
 * itself: no geckodriver), both Debian's, both headless, through puppeteer-core.
 */
export async function launchPuppeteer(name: 'chromium' | 'firefox'): Promise<Engine> {
  const browser =
    name === 'chromium'
      ? await puppeteer.launch({
          executablePath: CHROMIUM,
          args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
        })
      : await puppeteer.launch({
          browser: 'firefox',
          executablePath: process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr',
          // A closed network: nothing to update, report or prefetch.
          extraPrefsFirefox: { 'network.dns.disablePrefetch': true, 'network.prefetch-next': false },
        });
  return {
    name,
    version: await browser.version(),
    open: (viewport) => openTab(browser, viewport),
    close: () => browser.close(),
  };
}

async function openTab(browser: Browser, viewport: Viewport): Promise<Tab> {
  // A context of its own: each tab is another browser to the sites (no cookies shared), as a
  // WebDriver session is for WebKit.
  const incognito = await browser.createBrowserContext();
  const page: Page = await incognito.newPage();
  await page.setViewport(viewport);
  let context: Frame = page.mainFrame();
  const element = async (selector: string) => {
    const handle = await context.waitForSelector(selector, { timeout: 20_000 });
    if (!handle) throw new Error(`no ${selector}`);
    return handle;
  };
  return {
    async goto(url) {
      await page.goto(url);
      context = page.mainFrame();
    },
    async inWidget() {
      context = page.mainFrame();
      const iframe = await element('#cardbind iframe');
      const frame = await iframe.contentFrame();
      if (!frame) throw new Error('the widget iframe has no document');
      context = frame;
      await element('form, .result');
    },
    async inPage() {
      context = page.mainFrame();
    },
    keys: (text) => page.keyboard.type(text),
    async click(selector) {
      await (await element(selector)).click();
    },
    async press(key: Key) {
      // Puppeteer names the space bar by its character (which both protocols accept).
      await page.keyboard.press(key === 'Space' ? ' ' : key);
    },
    evaluate: <T>(expression: string) => context.evaluate(expression) as Promise<T>,
    url: async () => page.url(),
    async reload() {
      await page.reload();
      context = page.mainFrame();
    },
    close: () => incognito.close(),
  };
}
