import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, demo, PHONE, setDemoClock, useCheckout, zhang } from './browser.js';

useCheckout();

/** What a merchant's server does: asks the BFF for a hosted page (here through the demo's own server). */
async function hostedUrl(body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${demo.url}/api/hosted`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { url: string }).url;
}

/** The 3-element form, filled with a sandbox identity that verifies, and the consent ticked. */
async function fillVerify(page: Page) {
  await page.locator('#name').fill(zhang.name);
  await page.locator('#idNumber').fill(zhang.idNumber);
  await page.locator('#cardNumber').fill(zhang.card);
  await page.locator('#consent').check();
}

/** `url` in a browser of its own: the page saying why it no longer opens, with the way back; 410 to a machine too. */
async function expectGone(url: string, reason: 'used' | 'expired', says: string) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'en-US' });
  const page = await context.newPage();
  const gone = await page.goto(url);
  expect(gone?.status()).toBe(410);
  expect(await page.textContent('main')).toContain(says);
  expect(await page.getAttribute('main a', 'href')).toBe(`${demo.url}/return?cardbind_cancel=${reason}`);
  await context.close();
  expect((await fetch(url)).status).toBe(410);
}

describe('the hosted page, as an app or a mini program opens it (375 × 667, no cookies)', () => {
  it('verifies 3 elements, lands on returnUrl with the id only, and the server confirms it; a second browser gets the used-link page', async () => {
    const url = await hostedUrl({ mode: 'verify', locale: 'en' });
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    const opened = await page.goto(url);
    expect(opened?.status()).toBe(200);
    await page.locator('#name').fill(zhang.name);
    // A reload before finishing keeps the link (the same browser).
    await page.reload();
    await fillVerify(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${demo.url}/return?**`);
    const back = new URL(page.url());
    expect([...back.searchParams.keys()]).toEqual(['cardbind_verification']);
    expect(back.searchParams.get('cardbind_verification')).toMatch(/^ver_[0-9a-f]{32}$/);
    expect(await page.textContent('#result')).toMatch(/: verified \(confirmed by the server\)$/);
    await context.close();

    // Another browser (a forwarded link): the used-link page; a machine: 410.
    await expectGone(url, 'used', 'already opened in another browser');
  });

  /** A bind through the hosted page, to the sandbox bank's `decision`. */
  async function bindAtBank(decision: 'approve' | 'decline') {
    const url = await hostedUrl({ mode: 'bind', locale: 'en' });
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(url);
    await fillBind(page);
    await page.click(`button[value=${decision}]`);
    return { url, context, page };
  }

  /** The bind form, filled and sent: on to the bank's page. */
  async function fillBind(page: Page) {
    await page.locator('#cardNumber').fill(zhang.card);
    await page.locator('#name').fill(zhang.name);
    await page.locator('#idNumber').fill(zhang.idNumber);
    await page.locator('#phone').fill(zhang.phone);
    await page.waitForFunction(() => (document.querySelector('#bank') as HTMLInputElement | null)?.value !== '');
    await page.locator('#consent').check();
    await Promise.all([page.waitForURL(/\/bank\//), page.locator('button[type=submit]').click()]);
  }

  it('binds through the sandbox bank: Approve → back on the hosted page → returnUrl with the order, confirmed', async () => {
    const { context, page } = await bindAtBank('approve');
    await page.waitForURL(`${demo.url}/return?**`);
    const back = new URL(page.url());
    expect([...back.searchParams.keys()]).toEqual(['cardbind_order']);
    expect(await page.textContent('#result')).toMatch(/^bind order BC\w+: SUCCESS \(confirmed by the server\)$/);
    await context.close();
  });

  it('Decline: the hosted page says so with the way on (Try again: a fresh token, the bank again); Cancel goes back with the reason', async () => {
    const { url, context, page } = await bindAtBank('decline');
    await page.waitForURL(`${url}?cardbind_order=*`);
    await page.locator('.result.failed').waitFor();
    // Try again: the form, a new token from this browser's claim, a second order, the bank's page.
    await page.locator('.result.failed .actions button:not(.secondary)').click();
    await fillBind(page);
    await page.click('button[value=decline]');
    await page.locator('.result.failed').waitFor();
    // Cancel: the one directly in the result (Try again and Use another card are in its actions).
    await page.locator('.result.failed > button.secondary').click();
    await page.waitForURL(`${demo.url}/return?**`);
    expect(new URL(page.url()).searchParams.get('cardbind_cancel')).toBe('cancelled');
    await context.close();
  });

  it('Cancel sends the person back with the reason', async () => {
    const url = await hostedUrl({ mode: 'verify', locale: 'zh-CN' });
    const context = await browser.newContext({ viewport: PHONE });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('button.secondary').click();
    await page.waitForURL(`${demo.url}/return?**`);
    expect(new URL(page.url()).searchParams.get('cardbind_cancel')).toBe('cancelled');
    await context.close();
  });

  /** A page in a (stubbed) WeChat mini program's web-view: the JSSDK is this test's, recording what it is asked. */
  async function inWeChat() {
    const context = await browser.newContext({ viewport: PHONE });
    await context.addInitScript(() => {
      (window as unknown as { __wxjs_environment: string }).__wxjs_environment = 'miniprogram';
    });
    await context.route('https://res.wx.qq.com/**', (route) =>
      route.fulfill({
        contentType: 'text/javascript',
        body: `window.__handedBack = [];
window.wx = { miniProgram: {
  postMessage: (m) => window.__handedBack.push(['postMessage', m]),
  navigateBack: (o) => window.__handedBack.push(['navigateBack', o]),
} };`,
      }),
    );
    return context;
  }
  const handedBack = (page: Page) =>
    page
      .waitForFunction(() => (window as unknown as { __handedBack?: unknown[] }).__handedBack?.length === 2)
      .then(() => page.evaluate(() => (window as unknown as { __handedBack: unknown[] }).__handedBack));

  it('in a WeChat mini program (stubbed), asked to: the result is handed back (a message, then back), not sent to returnUrl', async () => {
    const url = await hostedUrl({ mode: 'verify', locale: 'zh-CN', handBack: true });
    const context = await inWeChat();
    const page = await context.newPage();
    await page.goto(url);
    await fillVerify(page);
    await page.locator('button[type=submit]').click();
    const calls = (await handedBack(page)) as [string, { data?: Record<string, string> }][];
    expect(calls.map(([name]) => name)).toEqual(['postMessage', 'navigateBack']);
    expect(Object.keys(calls[0]?.[1].data ?? {})).toEqual(['cardbind_verification']);
    expect(calls[0]?.[1].data?.cardbind_verification).toMatch(/^ver_[0-9a-f]{32}$/);
    expect(page.url()).toBe(url);
    await context.close();
  });

  it('in a WeChat mini program, a bind says the bank cannot open there and goes back with the reason, leaving the link for a browser', async () => {
    const url = await hostedUrl({ mode: 'bind', locale: 'en', handBack: true });
    const context = await inWeChat();
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.textContent('main')).toContain("needs your bank's page, which cannot open here");
    expect(await page.locator('#cardNumber').count()).toBe(0);
    await page.locator('main button').click();
    expect(await handedBack(page)).toEqual([
      ['postMessage', { data: { cardbind_cancel: 'bind_needs_browser' } }],
      ['navigateBack', { delta: 1 }],
    ]);
    await context.close();
    // Not claimed there: the same link opens in a browser (or the app).
    const browserContext = await browser.newContext({ viewport: PHONE });
    const inBrowser = await browserContext.newPage();
    expect((await inBrowser.goto(url))?.status()).toBe(200);
    await inBrowser.locator('#cardNumber').waitFor();
    await browserContext.close();
  });

  it('outside a mini program the hand-back falls back to returnUrl, and no mini program script is asked for', async () => {
    const url = await hostedUrl({ mode: 'verify', locale: 'en', handBack: true });
    const context = await browser.newContext({ viewport: PHONE });
    const sdkRequests: string[] = [];
    context.on('request', (r) => {
      if (/res\.wx\.qq\.com|^https:\/\/appx\//.test(r.url())) sdkRequests.push(r.url());
    });
    const page = await context.newPage();
    const opened = await page.goto(url);
    // The page may load them (its CSP names them, as asked), but does only inside a mini program.
    expect(opened?.headers()['content-security-policy']).toContain('https://res.wx.qq.com/open/js/jweixin-1.6.0.js');
    await fillVerify(page);
    await page.locator('button[type=submit]').click();
    await page.waitForURL(`${demo.url}/return?**`);
    expect(sdkRequests).toEqual([]);
    await context.close();
  });

  it('an expired link: the expired page in its language with the way back, and 410 to fetch', async () => {
    const url = await hostedUrl({ mode: 'verify', locale: 'en' });
    setDemoClock(30 * 60_000);
    try {
      await expectGone(url, 'expired', 'This link has expired.');
    } finally {
      setDemoClock(0);
    }
  });
});
