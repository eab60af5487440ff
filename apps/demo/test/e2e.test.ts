import type { Frame, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, axeSource, browser, demo, fill, frameOf, open, shot, useCheckout, violations, zhang } from './browser.js';

useCheckout();

/** The demo checkout in Chromium: verification, bind, isolation, keyboard, CSP. */
for (const locale of ['zh-CN', 'en'] as const) {
  describe(`verification (${locale})`, () => {
    it('a new user types bad values, sees each error, fixes them, verifies, and sees the result', async () => {
      const { page, frame } = await open(`mode=verify&locale=${locale}`);
      await axe(frame, 'empty');
      await shot(page, `empty-${locale}`);

      // Each error shows once the field is left: a wrong check digit, a short card, Latin letters with a mainland ID.
      await frame.fill('#cardNumber', '6222');
      expect(await frame.getAttribute('#cardNumber', 'aria-invalid')).toBe('false');
      await fill(frame, { name: 'Zhang3', idNumber: '110105194912310021', cardNumber: '6222' });
      await frame.click('#name');
      expect(await frame.getAttribute('#idNumber', 'aria-invalid')).toBe('true');
      expect(await frame.getAttribute('#name', 'aria-invalid')).toBe('true');
      expect(await frame.getAttribute('#cardNumber', 'aria-invalid')).toBe('true');
      await frame.click('button[type=submit]');
      // Submit shows every problem at once, the missing consent included; focus goes to the first.
      expect(await frame.getAttribute('#consent', 'aria-invalid')).toBe('true');
      expect(await frame.evaluate(() => document.activeElement?.id)).toBe('name');
      const described = await frame.getAttribute('#idNumber', 'aria-describedby');
      expect(await frame.textContent(`#${described}`)).toMatch(locale === 'en' ? /check digit/ : /校验位/);
      await axe(frame, 'errors');
      await shot(page, `errors-${locale}`);

      await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card });
      expect(await frame.inputValue('#cardNumber')).toBe('6222 0200 0000 0001 008');
      expect(await frame.textContent('#bank-name')).toMatch(locale === 'en' ? /Industrial and Commercial/ : /工商银行/);
      await frame.click('button[type=submit]');
      expect(await frame.getAttribute('#consent', 'aria-invalid')).toBe('true');
      await frame.check('#consent');
      const calls = demo.faceid.stats.count('BankCardVerification');
      // Slow the answer down: the button is disabled in flight and a second click sends nothing.
      await page.route('**/v1/verifications', async (route) => {
        await new Promise((r) => setTimeout(r, 600));
        await route.continue();
      });
      await frame.click('button[type=submit]');
      expect(await frame.isDisabled('button[type=submit]')).toBe(true);
      await frame.click('button[type=submit]', { force: true });
      await shot(page, `verifying-${locale}`);
      await frame.waitForSelector('.outcome.verified');
      expect(await frame.textContent('.outcome')).toContain('6222');
      expect(await frame.textContent('.live')).not.toBe('');
      // The result takes the focus, not <body>.
      expect(await frame.evaluate(() => document.activeElement?.className)).toBe('outcome verified');
      expect(demo.faceid.stats.count('BankCardVerification')).toBe(calls + 1);
      await axe(frame, 'verified');
      await shot(page, `verified-${locale}`);
      await page.close();
    });

    it('2 elements: no ID field at all; name and card verified through BankCard2EVerification', async () => {
      const { page, frame } = await open(`mode=verify&elements=2&locale=${locale}`);
      expect(await frame.$('#idNumber')).toBeNull();
      expect(await frame.$('#phone')).toBeNull();
      await fill(frame, { name: zhang.name, cardNumber: zhang.card });
      await frame.check('#consent');
      const calls = demo.faceid.stats.count('BankCard2EVerification');
      await frame.click('button[type=submit]');
      await frame.waitForSelector('.outcome.verified');
      expect(demo.faceid.stats.count('BankCard2EVerification')).toBe(calls + 1);
      await axe(frame, 'verified 2 elements');
      await page.close();
    });

    it('4 elements with a wrong phone → mismatch, clearly shown', async () => {
      const { page, frame } = await open(`mode=verify&elements=4&locale=${locale}`);
      await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card, phone: '13900000000' });
      await frame.check('#consent');
      await frame.click('button[type=submit]');
      await frame.waitForSelector('.outcome.rejected');
      await axe(frame, 'mismatch');
      await shot(page, `mismatch-${locale}`);
      await page.close();
    });
  });
}

describe('bind through the bank page', () => {
  /** The bind form filled, the bank and card type found from the card number's BIN. */
  async function fillBind(frame: Frame) {
    await fill(frame, { cardNumber: zhang.card, name: zhang.name, idNumber: zhang.idNumber, phone: zhang.phone });
    await frame.waitForFunction(() => (document.querySelector('#bank') as HTMLInputElement | null)?.value !== '');
    await frame.check('#consent');
  }

  /** Through the bank's page to `decision`; `beforeDecision` runs on the bank's page first. */
  async function bindTo(
    decision: 'Approve' | 'Decline',
    locale: string,
    beforeDecision: (page: Page) => Promise<unknown> = async () => undefined,
  ) {
    const { page, frame } = await open(`mode=bind&locale=${locale}`);
    await fillBind(frame);
    await Promise.all([page.waitForURL(/\/bank\//), frame.click('button[type=submit]')]);
    await beforeDecision(page);
    await page.click(`button[value=${decision.toLowerCase()}]`);
    return page;
  }

  for (const locale of ['zh-CN', 'en'] as const) {
    it(`Approve → back on the merchant page → waiting → bound with the masked card; a reload makes no second order (${locale})`, async () => {
      const creates = demo.aggregate.stats.count('create');
      // Hold the first status read, to see (and photograph) the waiting state: set before the
      // decision, so the page back from the bank cannot read before the hold is in place.
      let held = false;
      const bankPage = await bindTo('Approve', locale, (page) =>
        page.route('**/v1/bind-cards/*', async (route) => {
          if (!held) {
            held = true;
            await new Promise((r) => setTimeout(r, 800));
          }
          await route.continue();
        }),
      );
      await bankPage.waitForURL(/cardbind_order=/);
      const frame = await frameOf(bankPage);
      await frame.waitForSelector('.result.waiting');
      await axe(frame, 'waiting');
      await shot(bankPage, `waiting-${locale}`);
      await frame.waitForSelector('.result.bound');
      expect(await frame.textContent('.result-card')).toBe('622202*********1008');
      await axe(frame, 'bound');
      await shot(bankPage, `bound-${locale}`);
      await bankPage.reload();
      await (await frameOf(bankPage)).waitForSelector('.result.bound');
      expect(demo.aggregate.stats.count('create')).toBe(creates + 1);
      await bankPage.close();
    });

    it(`Decline → a clear failure with next steps; a reload keeps them; try again → a fresh token → bound (${locale})`, async () => {
      const creates = demo.aggregate.stats.count('create');
      const page = await bindTo('Decline', locale);
      await page.waitForURL(/cardbind_order=/);
      let frame = await frameOf(page);
      await frame.waitForSelector('.result.failed');
      expect(await frame.textContent('.result-title')).toMatch(locale === 'en' ? /did not bind/ : /未|拒绝/);
      // The failure has the focus and offers what to do next.
      expect(await frame.evaluate(() => document.activeElement?.classList.contains('result'))).toBe(true);
      const actions = await frame.locator('.result button').allTextContents();
      expect(actions).toEqual(
        locale === 'en' ? ['Try again', 'Use another card', 'Cancel'] : ['重试', '换一张卡', '取消'],
      );
      await axe(frame, 'failed');
      await shot(page, `failed-${locale}`);
      // A reload: still actionable.
      await page.reload();
      frame = await frameOf(page);
      await frame.waitForSelector('.result.failed button');
      // Try again: the form, a fresh token from the merchant's fetchToken, a second order, the bank, bound.
      await frame.click('.result button >> nth=0');
      await fillBind(frame);
      await shot(page, `retry-${locale}`);
      await Promise.all([page.waitForURL(/\/bank\//), frame.click('button[type=submit]')]);
      await page.click('button[value=approve]');
      await page.waitForURL(/cardbind_order=/);
      await (await frameOf(page)).waitForSelector('.result.bound');
      expect(demo.aggregate.stats.count('create')).toBe(creates + 2);
      await page.close();
    });
  }
});

describe('verify then bind', () => {
  it('4 elements verified, then "continue to bind" takes the bank and card type from the BIN', async () => {
    const { page, frame } = await open('mode=verify-then-bind&locale=en');
    await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card, phone: zhang.phone });
    await frame.check('#consent');
    await frame.click('button[type=submit]');
    await frame.waitForSelector('.outcome.verified');
    await Promise.all([page.waitForURL(/\/bank\//), frame.click('.actions button >> nth=0')]);
    expect(await page.textContent('body')).toContain('622202*********1008');
    await page.click('button[value=approve]');
    await page.waitForURL(/cardbind_order=/);
    await (await frameOf(page)).waitForSelector('.result.bound');
    await page.close();
  });
});

describe('isolation, keyboard, CSP', () => {
  it("the merchant page's scripts cannot read the frame's fields", async () => {
    const { page, frame } = await open('mode=verify');
    await fill(frame, { idNumber: zhang.idNumber });
    const seen = await page.evaluate(() => {
      const iframe = document.querySelector('iframe');
      try {
        return iframe?.contentDocument?.querySelector('input')?.value ?? 'no access';
      } catch {
        return 'no access';
      }
    });
    expect(seen).toBe('no access');
    await page.close();
  });

  it('the whole form can be completed with the keyboard alone', async () => {
    const { page, frame } = await open('mode=verify&locale=en');
    await frame.focus('#name');
    await page.keyboard.type(zhang.name);
    await page.keyboard.press('Tab');
    await page.keyboard.type(zhang.idNumber);
    await page.keyboard.press('Tab');
    await page.keyboard.type(zhang.card);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await frame.isChecked('#consent')).toBe(true);
    await page.keyboard.press('Tab');
    expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe('BUTTON');
    await page.keyboard.press('Enter');
    await frame.waitForSelector('.outcome.verified');
    await page.close();
  });

  it('full-width digits and a pasted, spaced card number are accepted', async () => {
    const { page, frame } = await open('mode=verify');
    const fullWidth = (v: string) => v.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await fill(frame, { name: zhang.name, idNumber: fullWidth(zhang.idNumber) });
    await frame.fill('#cardNumber', '6222 0200-0000 0001 008');
    await frame.check('#consent');
    await frame.click('button[type=submit]');
    await frame.waitForSelector('.outcome.verified');
    await page.close();
  });

  it('<cardbind-widget> works the same and reports through DOM events', async () => {
    const { page, frame } = await open('mode=verify&embed=element');
    await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card });
    await frame.check('#consent');
    await frame.click('button[type=submit]');
    await frame.waitForSelector('.outcome.verified');
    await page.waitForFunction(() => document.getElementById('events')?.textContent?.includes('element success'));
    await page.close();
  });

  it('Cancel reaches the merchant as onExit', async () => {
    const { page, frame } = await open('mode=verify&locale=en');
    await frame.click('button.secondary');
    await page.waitForFunction(() => document.getElementById('events')?.textContent?.includes('exit'));
    await page.close();
  });

  it('inline mode (shadow DOM): same form and flow; styles isolated, and the page CAN read the data, as documented', async () => {
    const page = await browser.newPage({ viewport: { width: 600, height: 900 } });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${demo.url}/?mode=verify&locale=en&isolation=inline`);
    await page.waitForSelector('#cardbind form');
    expect(await page.locator('iframe').count()).toBe(0);
    // The page's own styles do not reach in: the button keeps the widget's colours.
    await page.evaluate(() => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync('button { color: rgb(255, 0, 0) !important; } input { display: none; }');
      document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    });
    expect(await page.locator('#cardbind button[type=submit]').evaluate((b) => getComputedStyle(b).color)).toBe(
      'rgb(255, 255, 255)',
    );
    await fill(page, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card });
    expect(await page.inputValue('#cardbind #cardNumber')).toBe('6222 0200 0000 0001 008');
    const seen = await page.evaluate(
      () => document.getElementById('cardbind')?.shadowRoot?.querySelector<HTMLInputElement>('#idNumber')?.value,
    );
    expect(seen).toBe(zhang.idNumber);
    await page.check('#cardbind #consent');
    await page.click('#cardbind button[type=submit]');
    await page.waitForSelector('#cardbind .outcome.verified');
    await page.waitForFunction(() => document.getElementById('events')?.textContent?.includes('success'));
    await page.evaluate(axeSource);
    const result = (await page.evaluate(() =>
      (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(
        { include: [['#cardbind']] },
        { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      ),
    )) as { violations: { id: string }[] };
    expect(result.violations.map((v) => v.id)).toEqual([]);
    await shot(page, 'inline-verified-en');
    await page.close();
  });

  it('runs under the page and frame CSPs (no unsafe-inline) without a single violation', () => {
    expect(violations).toEqual([]);
  });
});
