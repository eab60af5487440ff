import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { freePort } from '@cardbind/sandbox/node';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startDemo } from '../server/demo.mjs';
import { browser, useCheckout, zhang } from './browser.js';

useCheckout();

/**
 * An integrator's mistakes, as the widget reports them: pages of our own, served on loopback at
 * whichever origin a case needs, mount the widget from the BFF's <script> build and record what
 * `onError` receives. A demo of this file's own lets this page server's 127.0.0.1 origin hold
 * sessions; its localhost origin is one no merchant allows.
 */
interface Reported {
  code: string;
  message: string;
  reason?: string;
  detail?: string;
}

const pages = new Map<string, { html: string; csp?: string }>();
const pageServer = createServer((req, res) => {
  const served = pages.get(req.url ?? '');
  res
    .writeHead(served ? 200 : 404, {
      'content-type': 'text/html; charset=utf-8',
      ...(served?.csp ? { 'content-security-policy': served.csp } : {}),
    })
    .end(served?.html ?? '');
});
await new Promise<void>((resolve) => pageServer.listen(0, '127.0.0.1', resolve));
const port = (pageServer.address() as AddressInfo).port;
/** Where sessions are made for. */
const PAGE = `http://127.0.0.1:${port}`;
/** The same server at an origin no session names and no merchant allows. */
const OTHER = `http://localhost:${port}`;
const mine = await startDemo({ extraOrigins: [PAGE] });
afterAll(async () => {
  await mine.close();
  await new Promise((resolve) => pageServer.close(resolve));
});

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
/** A token that claims `origin` but no BFF signed: only the loader reads it (the BFF refuses it). */
const forged = (origin: string) => `${b64url({ alg: 'ES256' })}.${b64url({ origin, exp: 4102444800 })}.c2ln`;

/** A widget token for this file's page origin, from the BFF, as a merchant server gets one. */
async function sessionToken(): Promise<string> {
  const res = await fetch(new URL('/v1/sessions', mine.bffUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${mine.apiKey}` },
    body: JSON.stringify({ operations: ['verify3'], origin: PAGE }),
  });
  if (res.status !== 201) throw new Error(`session: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

/** A BFF URL nothing listens at (a port just found free). */
const closedBff = `http://127.0.0.1:${await freePort()}`;

let served = 0;
async function mountAt(
  pageOrigin: string,
  options: { token?: string; bffUrl: string; isolation: 'iframe' | 'inline'; locale?: 'zh-CN' | 'en' },
  page_: { csp?: string; fetchToken?: string } = {},
): Promise<{ page: Page; errors: () => Promise<Reported[]>; consoleErrors: string[] }> {
  const page = await browser.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('cardbind:')) consoleErrors.push(m.text());
  });
  const path = `/checkout-${++served}`;
  pages.set(path, {
    ...(page_.csp ? { csp: page_.csp } : {}),
    html: `<!doctype html><html><body><div id="cardbind"></div>
<script src="${mine.bffUrl}/widget/cardbind.js"></script>
<script>
  window.reported = [];
  Cardbind.mount(document.getElementById('cardbind'), Object.assign(${JSON.stringify({ locale: 'zh-CN', ...options })}, {
    loadTimeout: 1500,
    onError: (e) => window.reported.push(e),
    ${page_.fetchToken ? `fetchToken: ${page_.fetchToken},` : ''}
  }));
</script></body></html>`,
  });
  await page.goto(`${pageOrigin}${path}`);
  return {
    page,
    consoleErrors,
    errors: () => page.evaluate(() => (window as unknown as { reported: Reported[] }).reported),
  };
}

async function firstError(errors: () => Promise<Reported[]>): Promise<Reported> {
  for (;;) {
    const [first] = await errors();
    if (first) return first;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('WIDGET_LOAD_FAILED: an integrator’s mistake is reported, with what to fix', () => {
  for (const isolation of ['iframe', 'inline'] as const) {
    it(`a wrong bffUrl: bff_unreachable (${isolation})`, async () => {
      const { page, errors, consoleErrors } = await mountAt(PAGE, {
        token: await sessionToken(),
        bffUrl: closedBff,
        isolation,
      });
      const error = await firstError(errors);
      expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'bff_unreachable' });
      expect(error.message).toBe('银行卡验证暂时无法加载，请稍后再试');
      expect(error.detail).toContain('bffUrl');
      expect(consoleErrors.join('\n')).toContain('WIDGET_LOAD_FAILED (bff_unreachable)');
      await page.close();
    });

    it(`a page at another origin than the session's: token_origin, at once (${isolation})`, async () => {
      const { page, errors, consoleErrors } = await mountAt(OTHER, {
        token: await sessionToken(),
        bffUrl: mine.bffUrl,
        isolation,
      });
      const error = await firstError(errors);
      expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'token_origin' });
      expect(error.detail).toContain(`the token is for ${PAGE}`);
      expect(consoleErrors.join('\n')).toContain(`create the session with origin ${OTHER}`);
      // Said once: the frame's own silence is not reported a second time.
      await new Promise((resolve) => setTimeout(resolve, 2500));
      expect(await errors()).toHaveLength(1);
      await page.close();
    });
  }

  for (const isolation of ['iframe', 'inline'] as const) {
    it(`a fetchToken that fails, with no token given: token_unavailable, nothing left on the page (${isolation})`, async () => {
      const { page, errors, consoleErrors } = await mountAt(
        PAGE,
        { bffUrl: mine.bffUrl, isolation },
        { fetchToken: "() => Promise.reject(new Error('session route down'))" },
      );
      const error = await firstError(errors);
      expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'token_unavailable' });
      expect(consoleErrors.join('\n')).toContain('fetchToken threw or returned no token');
      expect(await page.locator('#cardbind iframe, #cardbind form').count()).toBe(0);
      await page.close();
    });

    it(`no token yet: the frame loads at once, then takes the token from fetchToken and works (${isolation})`, async () => {
      const token = await sessionToken();
      const { page, errors } = await mountAt(
        PAGE,
        { bffUrl: mine.bffUrl, isolation },
        { fetchToken: `() => new Promise((resolve) => setTimeout(() => resolve(${JSON.stringify(token)}), 300))` },
      );
      const scope = isolation === 'iframe' ? page.frameLocator('#cardbind iframe') : page.locator('#cardbind');
      await scope.locator('#cardNumber').fill(zhang.card);
      await expect.poll(async () => (await scope.locator('#bank-name').textContent()) ?? '').toMatch(/工商银行/);
      expect(await errors()).toEqual([]);
      await page.close();
    });
  }

  it("inline mode on a page whose script-src leaves out the form's script: script_failed", async () => {
    const { page, errors, consoleErrors } = await mountAt(
      PAGE,
      { token: await sessionToken(), bffUrl: mine.bffUrl, isolation: 'inline' },
      { csp: `script-src 'unsafe-inline' ${mine.bffUrl}/widget/cardbind.js` },
    );
    const error = await firstError(errors);
    expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'script_failed' });
    expect(consoleErrors.join('\n')).toContain('allow the BFF in script-src');
    await page.close();
  });

  it('an origin the BFF does not let frame the form: origin_refused (iframe)', async () => {
    const { page, errors } = await mountAt(OTHER, {
      token: forged(OTHER),
      bffUrl: mine.bffUrl,
      isolation: 'iframe',
    });
    const error = await firstError(errors);
    expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'origin_refused' });
    expect(error.detail).toContain(`list ${OTHER} in the merchant's allowedOrigins`);
    await page.close();
  });
});

describe('a rejected token: token_rejected at load, in the widget’s language', () => {
  for (const isolation of ['iframe', 'inline'] as const) {
    it(`a token that is not a token at all: token_rejected, never sent (${isolation})`, async () => {
      const { page, errors } = await mountAt(PAGE, { token: 'not-a-token', bffUrl: mine.bffUrl, isolation });
      const error = await firstError(errors);
      expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'token_rejected' });
      expect(error.detail).toContain('UNAUTHENTICATED');
      expect(error.message).toBe('本次验证已失效，请刷新页面后重试');
      await page.close();
    });
  }

  for (const isolation of ['iframe', 'inline'] as const) {
    for (const locale of ['zh-CN', 'en'] as const) {
      it(`the form says it has expired; the API's English goes to onError's detail (${isolation}, ${locale})`, async () => {
        const token = await sessionToken();
        const tampered = `${token.slice(0, -4)}AAAA`;
        const { page, errors } = await mountAt(PAGE, { token: tampered, bffUrl: mine.bffUrl, isolation, locale });
        const scope = isolation === 'iframe' ? page.frameLocator('#cardbind iframe') : page.locator('#cardbind');
        // Said as the form loads (it checks its token), not at the first lookup or submit.
        const error = await firstError(errors);
        expect(error).toMatchObject({ code: 'WIDGET_LOAD_FAILED', reason: 'token_rejected' });
        expect(error.detail).toContain('(UNAUTHENTICATED: Missing or invalid credentials.)');
        expect(error.detail).toContain('POST /v1/sessions');
        const expected =
          locale === 'en' ? 'This form has expired. Reload the page' : '本次验证已失效，请刷新页面后重试';
        await expect.poll(async () => (await scope.locator('main').textContent()) ?? '').toContain(expected);
        const text = (await scope.locator('main').textContent()) ?? '';
        expect(text).not.toContain('credentials');
        expect(text).not.toContain('token');
        await page.close();
      });
    }
  }
});
