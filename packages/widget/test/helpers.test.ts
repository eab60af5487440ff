import { describe, expect, it } from 'vitest';
import { appearanceCss } from '../src/frame/theme.js';
import { isBankRedirect } from '../src/loader/navigation.js';
import { isProtocolMessage, PROTOCOL } from '../src/protocol.js';
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
    expect(isProtocolMessage({ p: PROTOCOL, type: 'ready' })).toBe(true);
    expect(isProtocolMessage({ p: 'cardbind/0', type: 'ready' })).toBe(false);
    expect(isProtocolMessage('cardbind/1')).toBe(false);
    expect(isProtocolMessage(null)).toBe(false);
  });
});
