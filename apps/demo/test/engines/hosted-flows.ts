import { expect } from 'vitest';
import { zhang } from '../identities.js';
import { type Tab, text, until, waitFor, waitForUrl } from './cardholder.js';
import { type Flow, PHONE } from './flows.js';

/**
 * The hosted page's flows (engines.test.ts): as an app or a mini program opens the link the
 * merchant's server made, at phone size, in a browser with no cookies of the shop's. In WebKit (the
 * engine of WeChat and every browser on iOS) and Firefox; Chromium runs them in ../hosted.test.ts.
 */
const ENGINES = ['webkit', 'firefox'];

/** What the merchant's server does (here the demo's): a hosted page for `body`'s form. */
async function hostedUrl(demoUrl: string, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${demoUrl}/api/hosted`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

// The page holds the form in a shadow root (the widget's inline mode): selectors do not reach it, so
// a field is focused by script and typed into with the keyboard, and a control is clicked by script.
const inside = (selector: string) => `document.getElementById('cardbind')?.shadowRoot?.querySelector('${selector}')`;
async function typeInto(tab: Tab, selector: string, value: string) {
  await tab.evaluate(`(${inside(selector)}.focus(), true)`);
  await tab.keys(value);
}
const clickOn = (tab: Tab, selector: string) => tab.evaluate(`(${inside(selector)}.click(), true)`);

async function openHosted(tab: Tab, url: string) {
  await tab.goto(url);
  await tab.inPage();
  await until(tab, inside('form'), 'the hosted form');
}

async function bindAtBank(tab: Tab, demoUrl: string, decision: 'approve' | 'decline') {
  const url = await hostedUrl(demoUrl, { mode: 'bind', locale: 'en' });
  await openHosted(tab, url);
  await typeInto(tab, '#cardNumber', zhang.card);
  await typeInto(tab, '#name', zhang.name);
  await typeInto(tab, '#idNumber', zhang.idNumber);
  await typeInto(tab, '#phone', zhang.phone);
  await until(tab, `${inside('#bank')}?.value`, 'the bank found from the BIN');
  await clickOn(tab, '#consent');
  await clickOn(tab, 'button[type=submit]');
  await waitForUrl(tab, /\/bank\//);
  await waitFor(tab, `button[value=${decision}]`);
  await tab.click(`button[value=${decision}]`);
  return url;
}

const confirmed = (tab: Tab) => text(tab, '#result');

export const HOSTED_FLOWS: Flow[] = [
  {
    name: 'hosted page: verify, back on returnUrl, confirmed; another browser: used (en)',
    viewport: PHONE,
    engines: ENGINES,
    async run(tab, demo, { anotherBrowser }) {
      const url = await hostedUrl(demo, { mode: 'verify', locale: 'en' });
      await openHosted(tab, url);
      await typeInto(tab, '#name', zhang.name);
      await typeInto(tab, '#idNumber', zhang.idNumber);
      await typeInto(tab, '#cardNumber', zhang.card);
      await clickOn(tab, '#consent');
      await clickOn(tab, 'button[type=submit]');
      await waitForUrl(tab, /\/return\?cardbind_verification=ver_[0-9a-f]{32}$/);
      expect(await confirmed(tab)).toMatch(/: verified \(confirmed by the server\)$/);
      const other = await anotherBrowser(PHONE);
      try {
        await other.goto(url);
        expect(await text(other, 'main')).toContain('already opened in another browser');
      } finally {
        await other.close();
      }
      expect((await fetch(url)).status).toBe(410);
    },
  },
  {
    name: 'hosted page: bind, approve at the bank, back on returnUrl, confirmed (en)',
    viewport: PHONE,
    engines: ENGINES,
    async run(tab, demo) {
      await bindAtBank(tab, demo, 'approve');
      await waitForUrl(tab, /\/return\?cardbind_order=BC\w+$/);
      expect(await confirmed(tab)).toMatch(/: SUCCESS \(confirmed by the server\)$/);
    },
  },
  {
    name: 'hosted page: bind, decline at the bank, Cancel back with the reason (en)',
    viewport: PHONE,
    engines: ENGINES,
    async run(tab, demo) {
      await bindAtBank(tab, demo, 'decline');
      await until(tab, inside('.result.failed > button.secondary'), 'the failure with its Cancel');
      await clickOn(tab, '.result.failed > button.secondary');
      await waitForUrl(tab, /\/return\?cardbind_cancel=cancelled$/);
    },
  },
  {
    name: 'hosted page: an expired link, its page with the way back (zh-CN)',
    viewport: PHONE,
    engines: ENGINES,
    async run(tab, demo, { setClock }) {
      const url = await hostedUrl(demo, { mode: 'verify', locale: 'zh-CN' });
      setClock(30 * 60_000);
      try {
        await tab.goto(url);
        await tab.inPage();
        expect(await text(tab, 'main')).toContain('此链接已过期');
        expect((await fetch(url)).status).toBe(410);
      } finally {
        setClock(0);
      }
    },
  },
];
