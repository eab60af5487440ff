import { expect } from 'vitest';
import { zhang } from '../identities.js';
import { attribute, focused, type Tab, text, type, until, type Viewport, waitFor, waitForUrl } from './cardholder.js';

/**
 * The cardholder's flows on the demo checkout, written once for every engine (cardholder.ts):
 * each opens the page it needs and leaves the tab where it ended.
 */
export interface Flow {
  name: string;
  viewport?: Viewport;
  /** The engines it runs in (all when left out). */
  engines?: readonly string[];
  run(tab: Tab, demoUrl: string, more: FlowHelpers): Promise<void>;
}

/** What a flow may need beside its tab: another browser (no cookies shared), the BFF's clock. */
export interface FlowHelpers {
  /** Another browser; where the engine runs one at a time (WebKit), the flow's own tab is closed first. */
  anotherBrowser(viewport: Viewport): Promise<Tab>;
  /** Moves the demo BFF's clock forward by `ms` (0: back to now). */
  setClock(ms: number): void;
}

const DESKTOP = { width: 600, height: 900 };
export const PHONE = { width: 375, height: 667 };

async function openWidget(tab: Tab, url: string) {
  await tab.goto(url);
  await tab.inWidget();
  await waitFor(tab, 'form');
}

async function fillVerify(tab: Tab, values: { phone?: string } = {}) {
  await type(tab, '#name', zhang.name);
  await type(tab, '#idNumber', zhang.idNumber);
  await type(tab, '#cardNumber', zhang.card);
  if (values.phone) await type(tab, '#phone', values.phone);
}

/** Submits and waits for `selector`; the result then has the focus, not the frame's body. */
async function submitFor(tab: Tab, selector: string) {
  await tab.click('button[type=submit]');
  await waitFor(tab, selector);
  expect(await focused(tab)).toMatch(/^p\.outcome|^section\.result|\.result/);
}

/** To the bank page from a filled bind form, and the bank's decision. */
async function throughTheBank(tab: Tab, decision: 'approve' | 'decline') {
  await type(tab, '#cardNumber', zhang.card);
  await type(tab, '#name', zhang.name);
  await type(tab, '#idNumber', zhang.idNumber);
  await type(tab, '#phone', zhang.phone);
  await until(tab, `document.querySelector('#bank')?.value`, 'the bank found from the BIN');
  await tab.click('#consent');
  await tab.click('button[type=submit]');
  await tab.inPage();
  await waitForUrl(tab, /\/bank\//);
  await waitFor(tab, `button[value=${decision}]`);
  await tab.click(`button[value=${decision}]`);
  await waitForUrl(tab, /cardbind_order=/);
  await tab.inWidget();
}

/**
 * Where a keyboard or screen-reader user lands after the bank's round trip: the page's focus is in
 * the widget's frame, and the result has the frame's focus, or (where the engine refuses a script's
 * focus in a cross-origin frame without a gesture: WebKit) is the first Tab stop.
 */
async function expectFocusOnResult(tab: Tab) {
  await tab.inPage();
  await until(tab, `document.activeElement?.tagName === 'IFRAME'`, 'the focus in the widget frame');
  await tab.inWidget();
  expect(await tab.evaluate('document.hasFocus()')).toBe(true);
  if (!(await focused(tab)).startsWith('section.result')) await tab.press('Tab');
  expect(await focused(tab)).toMatch(/^section\.result/);
}

export const FLOWS: Flow[] = [
  {
    name: 'verify: mistakes shown on leaving a field, fixed, verified (zh-CN)',
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=verify&locale=zh-CN`);
      await type(tab, '#idNumber', '110105194912310021');
      await tab.press('Tab');
      expect(await attribute(tab, '#idNumber', 'aria-invalid')).toBe('true');
      expect(await text(tab, `#${await attribute(tab, '#idNumber', 'aria-describedby')}`)).toMatch(/校验位/);
      await fillVerify(tab);
      expect(await attribute(tab, '#idNumber', 'aria-invalid')).toBe('false');
      expect(await tab.evaluate('document.querySelector("#cardNumber").value')).toBe('6222 0200 0000 0001 008');
      await until(tab, `/工商银行/.test(document.querySelector('#bank-name')?.textContent)`, 'the bank name');
      await tab.click('#consent');
      await submitFor(tab, '.outcome.verified');
      expect(await text(tab, '.outcome')).toContain('1008');
    },
  },
  {
    name: 'verify on a 375 px phone, no sideways scroll (en)',
    viewport: PHONE,
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=verify&locale=en`);
      expect(await tab.evaluate('document.documentElement.scrollWidth <= innerWidth')).toBe(true);
      await fillVerify(tab);
      await tab.click('#consent');
      await submitFor(tab, '.outcome.verified');
      await tab.inPage();
      expect(await tab.evaluate('innerWidth')).toBe(PHONE.width);
      expect(await tab.evaluate('document.documentElement.scrollWidth <= innerWidth')).toBe(true);
    },
  },
  {
    name: '4 elements: a wrong phone is a mismatch; corrected, verified (en)',
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=verify&elements=4&locale=en`);
      await fillVerify(tab, { phone: '13900000000' });
      await tab.click('#consent');
      await submitFor(tab, '.outcome.rejected');
      await type(tab, '#phone', zhang.phone);
      await submitFor(tab, '.outcome.verified');
    },
  },
  {
    name: 'keyboard only: type, Tab, Space for consent, Enter (en)',
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=verify&locale=en`);
      await type(tab, '#name', zhang.name);
      await tab.press('Tab');
      expect(await focused(tab)).toBe('input#idNumber');
      await type(tab, '#idNumber', zhang.idNumber);
      await tab.press('Tab');
      await type(tab, '#cardNumber', zhang.card);
      await tab.press('Tab');
      expect(await focused(tab)).toBe('input#consent');
      await tab.press('Space');
      expect(await tab.evaluate('document.querySelector("#consent").checked')).toBe(true);
      await tab.press('Tab');
      expect(await focused(tab)).toMatch(/^button/);
      await tab.press('Enter');
      await waitFor(tab, '.outcome.verified');
      expect(await focused(tab)).toBe('p.outcome.verified');
    },
  },
  {
    name: 'bind: approve at the bank, back, bound; focus on the result (zh-CN)',
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=bind&locale=zh-CN`);
      await throughTheBank(tab, 'approve');
      await waitFor(tab, '.result.bound');
      expect(await text(tab, '.result-card')).toBe('622202*********1008');
      await expectFocusOnResult(tab);
    },
  },
  {
    name: 'bind: decline at the bank, a failure with next steps, kept on reload (en)',
    async run(tab, demo) {
      await openWidget(tab, `${demo}/?mode=bind&locale=en`);
      await throughTheBank(tab, 'decline');
      await waitFor(tab, '.result.failed button');
      await expectFocusOnResult(tab);
      expect(await tab.evaluate(`[...document.querySelectorAll('.result button')].map((b) => b.textContent)`)).toEqual([
        'Try again',
        'Use another card',
        'Cancel',
      ]);
      await tab.inPage();
      await tab.reload();
      await tab.inWidget();
      await waitFor(tab, '.result.failed button');
    },
  },
  {
    name: 'inline mode (shadow DOM on the page): verified (en)',
    async run(tab, demo) {
      await tab.goto(`${demo}/?mode=verify&locale=en&isolation=inline`);
      await until(tab, `document.getElementById('cardbind')?.shadowRoot?.querySelector('form')`, 'the inline form');
      const inside = (selector: string) =>
        `document.getElementById('cardbind').shadowRoot.querySelector('${selector}')`;
      // Selectors do not reach into a shadow root: focus the first field, then the keyboard alone.
      await tab.evaluate(`(${inside('#name')}.focus(), true)`);
      for (const value of [zhang.name, zhang.idNumber, zhang.card]) {
        await tab.keys(value);
        await tab.press('Tab');
      }
      await tab.press('Space');
      expect(await tab.evaluate(`${inside('#consent')}.checked`)).toBe(true);
      await tab.press('Tab');
      await tab.press('Enter');
      await until(tab, inside('.outcome.verified'), 'the inline result');
      await until(tab, `document.getElementById('events')?.textContent?.includes('success')`, 'onSuccess');
    },
  },
];

export { DESKTOP };
