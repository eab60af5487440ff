import { createHash } from 'node:crypto';
import { FRAME_CSS } from '@cardbind/widget/frame-assets';
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

  it("runs only the script in its page, by that script's hash: script-src names nothing else", async () => {
    const { client } = await frozenNodeBff(sandbox);
    for (const locale of ['zh-CN', 'en']) {
      const res = await client.get(`/widget/frame?origin=${encodeURIComponent(ORIGIN)}&locale=${locale}`);
      const script = /<script type="module">([\s\S]*)<\/script>/.exec(await res.text())?.[1] ?? '';
      expect(script.length).toBeGreaterThan(10_000);
      const hash = createHash('sha256').update(script).digest('base64');
      expect(res.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}';`);
    }
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
