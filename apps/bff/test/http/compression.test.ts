import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { FRAME_CSS, FRAME_JS, FRAME_VERSION, INLINE_JS, localized } from '@cardbind/widget/frame-assets';
import { describe, expect, it } from 'vitest';
import { negotiate, webGzip } from '../../src/http/compression.js';
import { frozenNodeBff, sandboxedBff } from '../support/bff.js';
import { rawGet as raw } from '../support/raw-http.js';
import { startSandbox } from '../support/sandbox.js';

describe('negotiate', () => {
  const both = { br: webGzip, gzip: webGzip };
  it('takes brotli over gzip when both are accepted and at hand, and honours q=0 and *', () => {
    expect(negotiate('gzip, deflate, br, zstd', both)).toBe('br');
    expect(negotiate('gzip, deflate, br', { gzip: webGzip })).toBe('gzip');
    expect(negotiate('br;q=0, gzip;q=0.5', both)).toBe('gzip');
    expect(negotiate('*', both)).toBe('br');
    expect(negotiate('*, br;q=0', both)).toBe('gzip');
    expect(negotiate('identity', both)).toBeUndefined();
    expect(negotiate(undefined, both)).toBeUndefined();
    expect(negotiate('GZIP', both)).toBe('gzip');
  });
});

/** Inline mode's script as served in a language (zh-CN when none is asked for): a file the BFF keeps compressed. */
const inlineJs = (locale = 'zh-CN') => localized(INLINE_JS, locale);

describe("the BFF's own files, compressed", () => {
  it('the Node entry sends its files brotli or gzip as asked, the same bytes once decoded, varying on Accept-Encoding', async () => {
    const { url } = await frozenNodeBff(await startSandbox());
    const file = `${url}/widget/inline.js?v=${FRAME_VERSION}`;
    const br = await raw(file, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toBe('Accept-Encoding');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotliDecompressSync(br.bytes).toString()).toBe(inlineJs());
    const gz = await raw(file, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(inlineJs());
    const plain = await raw(file);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('Accept-Encoding');
    expect(plain.bytes.toString()).toBe(inlineJs());
    // What the wire carries is what the budget measures (gzip), and brotli is smaller still.
    expect(br.bytes.length).toBeLessThan(gz.bytes.length);
    expect(gz.bytes.length).toBeLessThan(inlineJs().length / 2);
    // The answer headers every answer has are still there.
    expect(br.headers['x-content-type-options']).toBe('nosniff');

    expect(br.headers['access-control-allow-origin']).toBe('*');

    // The frame's page, its styles and script inlined, compressed too.
    const page = await raw(`${url}/widget/frame?locale=en`, 'br');
    expect(page.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(page.bytes).toString();
    expect(html).toContain(`<style>${FRAME_CSS}</style>`);
    expect(html).toContain(`<script type="module">${localized(FRAME_JS, 'en')}</script>`);
  });

  it('without an entry that gives brotli, gzip from CompressionStream', async () => {
    const { bff } = await sandboxedBff();
    const gz = await raw(`${bff.url}/widget/inline.js?v=${FRAME_VERSION}`, 'br, gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.bytes).toString()).toBe(inlineJs());
  });
});
