import { createHash } from 'node:crypto';
import { FRAME_CSS } from '@cardbind/widget/frame-assets';
import { PRERENDERED_FORMS } from '@cardbind/widget/frame-manifest';
import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/app.js';
import { frozenNodeBff } from '../support/bff.js';
import { baseConfig, ORIGIN, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('GET /widget/frame', () => {
  it('/widget/frame may be framed only by the one allowed origin the loader names, else by nobody', async () => {
    const { client } = await frozenNodeBff(
      sandbox,
      {},
      {
        merchants: [
          (await baseConfig(sandbox, 'http://127.0.0.1')).merchants[0] as ConfigInput['merchants'][number],
          { id: 'other', apiKeySha256: 'a'.repeat(64), allowedOrigins: ['https://other-shop.example'] },
        ],
      },
    );
    const ancestors = async (query: string) =>
      /frame-ancestors ([^;]+)/.exec(
        (await client.get(`/widget/frame${query}`)).headers.get('content-security-policy') ?? '',
      )?.[1];
    expect(await ancestors(`?origin=${encodeURIComponent(ORIGIN)}`)).toBe(ORIGIN);
    expect(await ancestors('?origin=https%3A%2F%2Fother-shop.example')).toBe('https://other-shop.example');
    expect(await ancestors('?origin=https%3A%2F%2Fevil.example')).toBe("'none'");
    expect(await ancestors('')).toBe("'none'");
  });

  it('runs only the scripts in its page, by their hashes: script-src names nothing else, with or without a form written out', async () => {
    const { client } = await frozenNodeBff(sandbox);
    for (const locale of ['zh-CN', 'en']) {
      for (const form of [undefined, ...PRERENDERED_FORMS]) {
        const query = `origin=${encodeURIComponent(ORIGIN)}&locale=${locale}${form ? `&form=${form}` : ''}`;
        const res = await client.get(`/widget/frame?${query}`);
        const scripts = [...(await res.text()).matchAll(/<script(?: type="module")?>([\s\S]*?)<\/script>/g)].map(
          (m) => m[1] ?? '',
        );
        // The form's script; with a form written out, ping.js before it.
        expect(scripts.length, `${query}`).toBe(form ? 2 : 1);
        expect(scripts.at(-1)?.length).toBeGreaterThan(10_000);
        const hashes = scripts.map((script) => `'sha256-${createHash('sha256').update(script).digest('base64')}'`);
        expect(res.headers.get('content-security-policy')).toContain(`script-src ${hashes.join(' ')};`);
      }
    }
  });

  it('writes the form the loader names into the page, in its language; refuses a form it does not hold', async () => {
    const { client } = await frozenNodeBff(sandbox);
    const page = async (query: string) => {
      const res = await client.get(`/widget/frame?origin=${encodeURIComponent(ORIGIN)}&${query}`);
      return { status: res.status, text: await res.text() };
    };
    const fields = (html: string) => [...html.matchAll(/<input id="(\w+)" name=/g)].map((m) => m[1]);
    expect(fields((await page('locale=en&form=verify-2')).text)).toEqual(['name', 'cardNumber']);
    expect(fields((await page('locale=en&form=verify-3')).text)).toEqual(['name', 'idNumber', 'cardNumber']);
    expect(fields((await page('form=verify-4')).text)).toEqual(['name', 'idNumber', 'cardNumber', 'phone']);
    const bind = (await page('locale=zh-CN&form=bind')).text;
    expect(fields(bind)).toEqual(['cardNumber', 'name', 'idNumber', 'phone']);
    // In its language, with the bank picker.
    expect(bind).toContain('<label for="name">姓名</label>');
    expect(bind).toContain('<input id="bank"');
    expect(fields((await page('locale=en&form=verify-then-bind')).text)).toEqual([
      'name',
      'idNumber',
      'cardNumber',
      'phone',
    ]);
    // No form named: the script renders it (a result to resume); the page holds an empty root.
    expect((await page('locale=en')).text).toContain('<div id="root"></div>');
    const unknown = await page('locale=en&form=verify-5');
    expect(unknown.status).toBe(400);
    expect(JSON.parse(unknown.text).error.code).toBe('INVALID_REQUEST');
  });

  it('serves the form in the one language the page asks for: the frame names it, its script carries only its strings', async () => {
    const { client } = await frozenNodeBff(sandbox);
    const en = await (await client.get(`/widget/frame?origin=${encodeURIComponent(ORIGIN)}&locale=en`)).text();
    // Marked as the frame's page: the form's script starts the frame only there.
    expect(en).toContain('<html lang="en" data-cardbind-frame>');
    // The script is in the page: its strings in that language only.
    expect(en).toContain('This form has expired. Reload the page');
    expect(en).not.toContain('本次验证已失效');
    expect(en).not.toContain('__CARDBIND_STRINGS__');
    // No locale: Chinese, the default.
    const zh = await (await client.get(`/widget/frame?origin=${encodeURIComponent(ORIGIN)}`)).text();
    expect(zh).toContain('<html lang="zh-CN" data-cardbind-frame>');
    expect(zh).toContain('本次验证已失效');
    expect(zh).not.toContain('This form has expired');
    const inlineEn = await (await client.get('/widget/inline.js?locale=en')).text();
    expect(inlineEn).toContain('This form has expired. Reload the page');
    // One script for both: inline mode's has the styles written in, the frame's page holds them in a <style>.
    expect(inlineEn).toContain(FRAME_CSS.slice(0, 40).replaceAll('"', '\\"'));
    expect(en.split('<script')[1]).not.toContain(FRAME_CSS.slice(0, 40));
    // A language the form does not have is refused, not served as something else.
    const fr = await client.get('/widget/inline.js?locale=fr');
    expect(fr.status).toBe(400);
    expect(await fr.json()).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
  });
});
