import { createHash } from 'node:crypto';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bodiesTo, browser, DESKTOP, demo, open, useCheckout, zhang } from './browser.js';

useCheckout();

/**
 * The frame's page holds its form written out, and says `rendered` as it is parsed, before the
 * form's script runs (packages/widget/src/frame/ping.ts). These cases change that page on its way
 * to the browser: its scripts, and the CSP hashes that allow them, so the CSP stays as strict.
 */
const sha = (script: string) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`;

async function rewriteFrame(
  page: Page,
  rewrite: (scripts: { ping: string; form: string }) => { ping: string; form: string },
) {
  await page.route(
    (url) => url.pathname === '/widget/frame' && url.searchParams.has('form'),
    async (route: Route) => {
      const res = await route.fetch();
      const html = await res.text();
      const ping = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      const form = /<script type="module">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
      expect(ping.length).toBeGreaterThan(50);
      expect(form.length).toBeGreaterThan(10_000);
      const next = rewrite({ ping, form });
      const csp = res.headers()['content-security-policy'] ?? '';
      expect(csp).toContain(`script-src ${sha(ping)} ${sha(form)};`);
      await route.fulfill({
        response: res,
        body: html.replace(ping, () => next.ping).replace(form, () => next.form),
        headers: {
          ...res.headers(),
          'content-security-policy': csp.replace(
            /script-src [^;]*;/,
            `script-src ${sha(next.ping)} ${sha(next.form)};`,
          ),
        },
      });
    },
  );
}

const demoPage = () => browser.newPage({ viewport: DESKTOP });
const events = (page: Page) => page.$$eval('#events li', (items) => items.map((li) => li.textContent));

describe('the form written out in the frame’s page', () => {
  it('what the cardholder types and ticks before the form’s script runs is kept, validated and sent', async () => {
    const page = await demoPage();
    // The form's script waits for a signal of this test's (and ping.js's check waits a minute).
    await rewriteFrame(page, ({ ping, form }) => ({
      ping: ping.replace(/,100\)/, ',60000)'),
      form: `await new Promise((go) => addEventListener('cardbind-test-go', go, { once: true }));\n${form}`,
    }));
    const sent = bodiesTo(page, '/v1/verifications');
    await page.goto(`${demo.url}/?mode=verify&locale=en`);
    const frame = page.frameLocator('#cardbind iframe');
    // Ready (the page heard `rendered`) while nothing of the form's script has run.
    await page.waitForFunction(() => document.querySelector('#events')?.textContent?.includes('ready'));
    expect(await events(page)).not.toContain('change complete=false');
    await frame.locator('#name').fill(zhang.name);
    await frame.locator('#idNumber').fill(zhang.idNumber);
    await frame.locator('#cardNumber').fill(zhang.card.replace(/(\d{4})/g, '$1 '));
    await frame.locator('#consent').check();
    // Enter submits nothing natively (form-action 'none'): the page stays, the values with it.
    await frame.locator('#cardNumber').press('Enter');
    expect(await frame.locator('#name').inputValue()).toBe(zhang.name);

    await frame.locator('body').evaluate(() => dispatchEvent(new Event('cardbind-test-go')));
    // The script took the form over with what was typed: complete at once, nothing retyped.
    await page.waitForFunction(() => document.querySelector('#events')?.textContent?.includes('change complete=true'));
    await frame.locator('button[type=submit]').click();
    await frame.locator('.outcome.verified').waitFor();
    expect(sent).toEqual([
      { kind: 3, consent: true, name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card },
    ]);
    // The grouped card number is the form's own display from then on.
    expect(await frame.locator('#cardNumber').inputValue()).toBe('6222 0200 0000 0001 008');
    await page.close();
  });

  it('a form’s script that never starts is reported (WIDGET_LOAD_FAILED, script_failed), not left dead on screen', async () => {
    const page = await demoPage();
    await rewriteFrame(page, ({ ping }) => ({ ping, form: 'throw new Error("not this version")' }));
    await page.goto(`${demo.url}/?mode=verify&locale=zh-CN`);
    await page.waitForFunction(() => document.querySelector('#events')?.textContent?.includes('error'));
    expect(await events(page)).toEqual(['ready', 'error WIDGET_LOAD_FAILED']);
    // The frame with its dead form is gone.
    expect(await page.locator('#cardbind iframe').count()).toBe(0);
    await page.close();
  });

  it('the merchant’s appearance is on the written-out form before the form’s script runs', async () => {
    const page = await demoPage();
    await rewriteFrame(page, ({ ping, form }) => ({
      ping: ping.replace(/,100\)/, ',60000)'),
      form: `await new Promise(() => {});\n${form}`,
    }));
    // The demo's shop colours (mount()'s `appearance`: colorPrimary #b45309, borderRadius 2px).
    await page.goto(`${demo.url}/?mode=verify&locale=en&theme=brand`);
    const button = page.frameLocator('#cardbind iframe').locator('button[type=submit]');
    const style = await button.evaluate((el) => {
      const { backgroundColor, borderTopLeftRadius } = getComputedStyle(el);
      return { backgroundColor, borderTopLeftRadius };
    });
    expect(style).toEqual({ backgroundColor: 'rgb(180, 83, 9)', borderTopLeftRadius: '2px' });
    await page.close();
  });

  it('without its form written out (back from the bank), the script renders the page and says so itself', async () => {
    const { page, frame } = await open('mode=verify&locale=en');
    expect(new URL(frame.url()).searchParams.get('form')).toBe('verify-3');
    await page.close();
    const resumed = await demoPage();
    const frameUrl = resumed.waitForRequest((r) => new URL(r.url()).pathname === '/widget/frame');
    await resumed.goto(`${demo.url}/?mode=bind&locale=en&cardbind_order=ORD-UNKNOWN`);
    expect(new URL((await frameUrl).url()).searchParams.has('form')).toBe(false);
    await resumed.waitForFunction(() => document.querySelector('#events')?.textContent?.includes('ready'));
    await resumed.close();
  });
});
