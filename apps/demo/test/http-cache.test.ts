import { describe, expect, it } from 'vitest';
import { browser, demo, useCheckout, zhang } from './browser.js';

useCheckout();

describe("the browser's HTTP cache across the frame and the page", () => {
  it('a BIN the frame looked up (same-origin, cached) is looked up again by inline mode on the page (CORS): no CORS error, the bank shown', async () => {
    // One context: one HTTP cache, as in one cardholder's browser.
    const context = await browser.newContext();
    const corsErrors: string[] = [];
    const binAnswers: { url: string; status: number }[] = [];
    context.on('response', (res) => {
      if (new URL(res.url()).pathname.startsWith('/v1/bins/'))
        binAnswers.push({ url: res.url(), status: res.status() });
    });
    const framed = await context.newPage();
    framed.on('console', (m) => {
      if (/CORS|Failed to fetch/i.test(m.text())) corsErrors.push(m.text());
    });
    await framed.goto(`${demo.url}/?mode=verify&locale=en`);
    const frame = framed.frameLocator('#cardbind iframe');
    await frame.locator('#cardNumber').fill(zhang.card);
    await expect
      .poll(async () => (await frame.locator('#bank-name').textContent()) ?? '')
      .toContain('Industrial and Commercial Bank of China');

    const inline = await context.newPage();
    inline.on('console', (m) => {
      if (/CORS|Failed to fetch/i.test(m.text())) corsErrors.push(m.text());
    });
    inline.on('pageerror', (e) => corsErrors.push(e.message));
    await inline.goto(`${demo.url}/?mode=verify&locale=en&isolation=inline`);
    await inline.locator('#cardbind #cardNumber').fill(zhang.card);
    await expect
      .poll(async () => (await inline.locator('#cardbind #bank-name').textContent()) ?? '', { timeout: 20_000 })
      .toContain('Industrial and Commercial Bank of China');

    // Both lookups asked for the same URL, the frame's first.
    const urls = binAnswers.map((a) => new URL(a.url).pathname);
    expect(urls.length).toBeGreaterThanOrEqual(2);
    expect(new Set(urls).size).toBe(1);
    expect(binAnswers.every((a) => a.status === 200)).toBe(true);
    expect(corsErrors).toEqual([]);
    await context.close();
  });
});
