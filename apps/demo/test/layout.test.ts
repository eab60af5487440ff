import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browser, demo, PHONE, useCheckout } from './browser.js';

useCheckout();

/** Records the frame's height when the loader inserts it, before the form has said anything. */
async function firstAndReportedHeight(page: Page, query: string) {
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      const frame = document.querySelector<HTMLIFrameElement>('#cardbind iframe, cardbind-widget iframe');
      if (!frame) return;
      (window as unknown as { firstHeight: string }).firstHeight = frame.style.height;
      observer.disconnect();
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(`${demo.url}/?${query}`);
  const frame = page.frameLocator('#cardbind iframe, cardbind-widget iframe');
  await frame.locator('form').waitFor();
  // The height the form reports (main.tsx: its root's height + 4), read inside the frame.
  const reported = await frame
    .locator('#root')
    .evaluate((root) => `${Math.ceil(root.getBoundingClientRect().height + 4)}px`);
  return { first: await page.evaluate(() => (window as unknown as { firstHeight: string }).firstHeight), reported };
}

describe('the frame holds its place before the form reports its height', () => {
  for (const [query, label] of [
    ['mode=verify&locale=zh-CN', 'verify, zh-CN'],
    ['mode=bind&locale=en', 'bind, en'],
    ['mode=verify&locale=zh-CN&embed=element', '<cardbind-widget>, verify, zh-CN'],
  ] as const) {
    it(`at phone width the reserved height is the form's (${label})`, async () => {
      const page = await browser.newPage({ viewport: PHONE });
      const { first, reported } = await firstAndReportedHeight(page, query);
      expect(first).not.toBe('0px');
      expect(first).toBe(reported);
      await page.close();
    });
  }
});
