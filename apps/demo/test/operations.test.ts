import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createCardbindClient } from '@cardbind/client';
import { SCENARIO_CARDS } from '@cardbind/sandbox';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_SHELL } from '../../../scripts/test-processes/browsers.js';
import { startDemo } from '../server/demo.mjs';

/**
 * The operations page in Chromium, after a scripted run against the demo's BFF and simulators:
 * verifications, binds, a provider outage and a merchant webhook endpoint that is down. The
 * figures on the page are checked against what the simulators counted.
 */
// Beside the end-to-end run's (the README's copies in docs/screenshots are updated from here by hand).
const SHOTS = new URL('../artifacts/screenshots/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const zhang = { name: '张三', idNumber: '11010519491231002X', cardNumber: '6222020000000001008' };

let demo: Awaited<ReturnType<typeof startDemo>>;
let browser: Browser;
/** What the simulators answered during the scripted run. */
const seen = { faceid: 0, csec: 0, faceidPaid: 0, binds: 0 };
const cspViolations: string[] = [];

/** The browser's part of a bind, over HTTP: the ticket page, the bank page, the cardholder's decision. */
async function throughBank(redirectUrl: string, decision: 'approve' | 'decline') {
  await fetch(redirectUrl);
  const html = await (await fetch(redirectUrl, { method: 'POST' })).text();
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const bank = await fetch(action, { method: 'POST', body: new URLSearchParams(fields) });
  const ref = /name="ref" value="([^"]+)"/.exec(await bank.text())?.[1] ?? '';
  await fetch(new URL('/bank/confirm', action), {
    method: 'POST',
    body: new URLSearchParams({ ref, decision }),
    redirect: 'manual',
  });
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  demo = await startDemo({ webhooks: { retryBaseMs: 10, retryMaxMs: 10, maxAttempts: 2, pollMs: 20 } });
  browser = await chromium.launch({ executablePath: CHROMIUM_SHELL, args: ['--no-sandbox', '--disable-gpu'] });
  const cardbind = createCardbindClient({ baseUrl: demo.bffUrl, apiKey: demo.apiKey });
  const user = { userType: 'USER_ID' as const, identifyId: 'ops-user' };
  const { token } = await cardbind.sessions.create({ operations: ['verify3'], origin: demo.url });
  let n = 0;
  const verify = (cardNumber: string) =>
    fetch(`${demo.bffUrl}/v1/verifications`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: demo.url,
        authorization: `Bearer ${token}`,
        'idempotency-key': `ops-e2e-${n++}-0000`,
      },
      body: JSON.stringify({ kind: 3, ...zhang, cardNumber, consent: true }),
    });
  const before = { faceid: demo.faceid.stats.requests, csec: demo.csec.stats.requests };
  // Three verified, one mismatch: four paid FaceID calls.
  for (let i = 0; i < 3; i++) expect((await verify(zhang.cardNumber)).status).toBe(200);
  expect((await verify(SCENARIO_CARDS.cardholder_info_wrong)).status).toBe(200);
  // The outage: FaceID busy fails over to csec, busy too; five in a row open both circuits.
  for (let i = 0; i < 5; i++) expect((await verify(SCENARIO_CARDS.busy)).status).toBe(200);
  seen.faceid = demo.faceid.stats.requests - before.faceid;
  seen.csec = demo.csec.stats.requests - before.csec;
  seen.faceidPaid = 4;
  // The merchant's endpoint is down: both bind results die after two attempts.
  demo.webhookEndpoint.down = true;
  for (const decision of ['approve', 'decline'] as const) {
    const session = await cardbind.sessions.create({
      operations: ['bind'],
      origin: demo.url,
      returnUrl: `${demo.url}/`,
      user,
    });
    const res = await fetch(`${demo.bffUrl}/v1/bind-cards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: demo.url, authorization: `Bearer ${session.token}` },
      body: JSON.stringify({
        bankCode: 'ICBC',
        bankCardType: 'DEBIT',
        name: zhang.name,
        idNumber: zhang.idNumber,
        phone: '13800138000',
        consent: true,
      }),
    });
    const { redirectUrl } = (await res.json()) as { redirectUrl: string };
    await throughBank(redirectUrl, decision);
  }
  seen.binds = demo.aggregate.stats.count('create');
  // Until both events are dead.
  for (let i = 0; i < 200 && (await cardbind.webhookEvents.listDead()).length < 2; i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
});

async function openPage(lang: 'zh-CN' | 'en', viewport = { width: 1100, height: 900 }) {
  const page = await browser.newPage({ viewport });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${demo.bffUrl}/ops?lang=${lang}`);
  return page;
}

/** Signs in with the keyboard only: Tab to the key field, type, Enter. */
async function signIn(page: Page, key: string) {
  await page.waitForSelector('#key');
  for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'key'; i++) {
    await page.keyboard.press('Tab');
  }
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('key');
  await page.keyboard.type(key);
  await page.keyboard.press('Enter');
}

async function axe(page: Page, label: string) {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(() =>
    (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<unknown> } }).axe.run(document, {
      runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    }),
  )) as { violations: { id: string; nodes: { html: string }[] }[] };
  expect(result.violations.map((v) => `${label}: ${v.id} ${v.nodes[0]?.html}`)).toEqual([]);
}

// innerText: the text as a person reads it, laid out (hidden text left out).
// biome-ignore lint/performance/useDomNodeTextContent: that is the point here
const text = (page: Page, selector: string) => page.locator(selector).innerText();

for (const lang of ['zh-CN', 'en'] as const) {
  describe(`the operations page (${lang})`, () => {
    it('a wrong key is refused in words; the operator key shows what the simulators counted', async () => {
      const page = await openPage(lang);
      await axe(page, 'sign-in');
      await signIn(page, 'op_wrong_0000000000000000');
      await page.waitForSelector('#key-error:not(:empty)');
      expect(await text(page, '#key-error')).toMatch(lang === 'en' ? /not accepted/ : /密钥无效/);
      expect(await page.getAttribute('#key', 'aria-invalid')).toBe('true');
      // The field keeps the focus, emptied of nothing: fix the key and press Enter again.
      await page.fill('#key', '');
      await signIn(page, demo.operatorKey);
      await page.waitForSelector('#providers-h');
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

      const faceid = '[data-provider="tencent-faceid"].card';
      expect(await text(page, `${faceid} [data-field="calls"]`)).toBe(String(seen.faceid));
      expect(await text(page, `${faceid} [data-field="paid"]`)).toBe(String(seen.faceidPaid));
      expect(await text(page, `${faceid} [data-field="spend"]`)).toMatch(/1\.20/);
      expect(await text(page, `${faceid} [data-field="failovers"]`)).toBe('5');
      expect(await page.getAttribute(`${faceid} .badge`, 'data-health')).toBe('open');
      const csec = '[data-provider="tencent-csec"].card';
      expect(await text(page, `${csec} [data-field="calls"]`)).toBe(String(seen.csec));
      expect(await page.getAttribute(`${csec} .badge`, 'data-health')).toBe('open');
      // Today's row of the spend table, and the outcome mix.
      const today = '#spend-table tbody tr:last-child';
      expect(await page.getAttribute(`${today} td[data-provider="tencent-faceid"]`, 'data-paid')).toBe('4');
      const mix = '.outcomes [data-provider="tencent-faceid"]';
      expect(await text(page, `${mix} [data-outcome="verified"]`)).toBe('3');
      expect(await text(page, `${mix} [data-outcome="mismatch"]`)).toBe('1');
      expect(await text(page, `${mix} [data-outcome="unavailable"]`)).toBe('5');
      // Two dead bind results, two orders (one bound, one failed).
      expect(await page.locator('#dead-table tbody tr').count()).toBe(2);
      expect(await page.locator('#orders-table tbody tr').count()).toBe(seen.binds);
      expect(
        (
          await page
            .locator('#orders-table tbody tr')
            .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))
        ).sort(),
      ).toEqual(['FAIL', 'SUCCESS']);
      expect(await text(page, 'body')).not.toContain(zhang.idNumber);
      await axe(page, 'dashboard');
      await page.screenshot({ path: `${SHOTS}operations-${lang}.png`, fullPage: true });
      await page.close();
    });
  });
}

describe('the operations page: acting on it', () => {
  it('resends a dead webhook with the keyboard; it arrives once and leaves the list', async () => {
    const page = await openPage('en');
    await signIn(page, demo.operatorKey);
    await page.waitForSelector('#dead-table');
    const before = demo.webhooks.length;
    demo.webhookEndpoint.down = false;
    const first = page.locator('#dead-table tbody tr').first();
    const eventId = await first.getAttribute('data-event');
    await first.locator('button').focus();
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#dead-table tbody tr').length === 1);
    expect(await text(page, '.notice')).toMatch(/Queued again: 1/);
    for (let i = 0; i < 200 && demo.webhooks.length === before; i++) await new Promise((r) => setTimeout(r, 25));
    expect((demo.webhooks as { id: string }[]).filter((e) => e.id === eventId)).toHaveLength(1);
    await page.close();
  });

  it('at phone width, keeps every figure reachable; reload keeps the tab signed in; sign-out forgets the key', async () => {
    const page = await openPage('zh-CN', { width: 375, height: 667 });
    await signIn(page, demo.operatorKey);
    await page.waitForSelector('#providers-h');
    // Nothing but the wide tables scrolls sideways, and they scroll inside their own box.
    const wider = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((el) => !el.closest('.scroll') && el.getBoundingClientRect().right > window.innerWidth + 1)
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
    );
    expect(wider).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await axe(page, 'phone');
    await page.screenshot({ path: `${SHOTS}operations-phone-zh-CN.png`, fullPage: true });
    await page.reload();
    await page.waitForSelector('#providers-h');
    await page.getByRole('button', { name: '退出' }).click();
    await page.waitForSelector('#key');
    await page.reload();
    await page.waitForSelector('#key');
    expect(await page.inputValue('#key')).toBe('');
    await page.close();
  });

  it('a merchant key opens its own view; no page raised a CSP violation', async () => {
    const page = await openPage('en');
    await signIn(page, demo.apiKey);
    await page.waitForSelector('#orders-h');
    // The demo's BFF serves one merchant: its key sees the providers too.
    expect(await text(page, '.scope')).toMatch(/Merchant view: demo-shop/);
    expect(await page.locator('#providers-h').count()).toBe(1);
    await page.close();
    expect(cspViolations).toEqual([]);
  });
});
