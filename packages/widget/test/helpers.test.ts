import { describe, expect, it } from 'vitest';
import { appearanceCss } from '../src/frame/theme.js';
import { isBankRedirect } from '../src/loader/navigation.js';
import { type FormInit, frameFragment, isProtocolMessage, PROTOCOL, readFrameFragment } from '../src/protocol.js';
import { tokenOrigin } from '../src/token.js';

const b64url = (value: unknown) =>
  btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const token = (claims: unknown) => `${b64url({ alg: 'ES256' })}.${b64url(claims)}.c2ln`;

describe('tokenOrigin', () => {
  it("reads the token's origin claim (base64url, any padding)", () => {
    expect(tokenOrigin(token({ origin: 'https://shop.example', sub: 'm_1~?' }))).toBe('https://shop.example');
  });
  it('is undefined for anything that is not a token with a string origin', () => {
    expect(tokenOrigin('')).toBeUndefined();
    expect(tokenOrigin('a.%%%.c')).toBeUndefined();
    expect(tokenOrigin(token({ sub: 'm_1' }))).toBeUndefined();
    expect(tokenOrigin(token({ origin: ['https://shop.example'] }))).toBeUndefined();
  });
});

describe('appearanceCss', () => {
  it('writes known keys as --cardbind-* properties on the given selector', () => {
    expect(appearanceCss({ colorPrimary: '#0a7', borderRadius: '2px' }, ':host')).toBe(
      ':host { --cardbind-color-primary: #0a7; --cardbind-border-radius: 2px; }',
    );
  });
  it('drops unknown keys and values that could leave the declaration', () => {
    const css = appearanceCss(
      {
        colorText: 'red; } body { display: none',
        fontFamily: '"Noto Sans SC", sans-serif',
        // @ts-expect-error: not an appearance key
        colorSecret: 'blue',
        colorBorder: 'url(\\62 ad)',
        spacing: '</style>',
      },
      ':root',
    );
    expect(css).toBe(':root { --cardbind-font-family: "Noto Sans SC", sans-serif; }');
  });
  it('is undefined when nothing is left', () => {
    expect(appearanceCss(undefined, ':root')).toBeUndefined();
    expect(appearanceCss({ colorText: '{' }, ':root')).toBeUndefined();
  });
});

describe('isBankRedirect', () => {
  const bff = 'https://bff.example';
  it("accepts the BFF's one-time redirect, also under a path prefix", () => {
    expect(isBankRedirect('https://bff.example/r/t_AbC-12', bff)).toBe(true);
    expect(isBankRedirect('https://bff.example/cardbind/r/t_1', bff)).toBe(true);
  });
  it('refuses other origins, other paths, queries and junk', () => {
    expect(isBankRedirect('https://evil.example/r/t_1', bff)).toBe(false);
    expect(isBankRedirect('https://bff.example.evil.example/r/t_1', bff)).toBe(false);
    expect(isBankRedirect('https://bff.example/v1/sessions', bff)).toBe(false);
    expect(isBankRedirect('https://bff.example/r/t_1?next=https://evil.example', bff)).toBe(false);
    expect(isBankRedirect('https://bff.example/r/../../x', bff)).toBe(false);
    expect(isBankRedirect('javascript:alert(1)//bff.example/r/x', bff)).toBe(false);
    expect(isBankRedirect('not a url', bff)).toBe(false);
  });
});

describe('isProtocolMessage', () => {
  it('accepts only objects tagged with this protocol version', () => {
    expect(isProtocolMessage({ p: PROTOCOL, type: 'rendered' })).toBe(true);
    expect(isProtocolMessage({ p: 'cardbind/0', type: 'rendered' })).toBe(false);
    expect(isProtocolMessage('cardbind/1')).toBe(false);
    expect(isProtocolMessage(null)).toBe(false);
  });
});

describe('the frame fragment', () => {
  const full: FormInit = {
    mode: 'verify-then-bind',
    elements: 4,
    locale: 'en',
    appearance: { colorPrimary: '#0a0', fontFamily: '"Noto Sans", sans-serif' },
    resumeOrder: 'ord_0123456789abcdef',
    provider: 'tencent-faceid',
    merchantName: '小店 & Co. #1',
    refreshable: true,
    cancelable: true,
  };

  it('reads back every option the loader wrote, in the locale the page was served in', () => {
    expect(readFrameFragment(frameFragment(full), 'en')).toEqual(full);
    const plain: FormInit = { mode: 'bind', elements: 3, locale: 'zh-CN' };
    expect(readFrameFragment(frameFragment(plain), 'zh-CN')).toEqual(plain);
    // The locale is the page's (the BFF wrote its strings), not the fragment's.
    expect(frameFragment(full)).not.toContain('locale');
  });

  it("refuses another protocol's fragment, an unknown mode or element count, options that are not a JSON object", () => {
    const fragment = new URLSearchParams(frameFragment(full));
    const options = JSON.parse(fragment.get('o') ?? '');
    for (const [key, value] of [
      ['p', 'cardbind/1'],
      ['o', JSON.stringify({ ...options, mode: 'pay' })],
      ['o', JSON.stringify({ ...options, elements: 5 })],
      ['o', '{not json'],
    ] as const) {
      const changed = new URLSearchParams(fragment);
      changed.set(key, value);
      expect(readFrameFragment(changed.toString(), 'en'), value).toBeUndefined();
    }
    expect(readFrameFragment('', 'en')).toBeUndefined();
    expect(readFrameFragment(`p=${PROTOCOL}&o=null`, 'en')).toBeUndefined();
  });
});
