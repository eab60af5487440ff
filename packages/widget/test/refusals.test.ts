import { describe, expect, it } from 'vitest';
import { STRINGS } from '../src/frame/i18n.js';
import { REFUSAL_TEXT, refusalText } from '../src/frame/refusals.js';
import { shownRefusal } from '../src/frame/use-frame.js';

// Every code the widget's calls can meet is a key of REFUSAL_TEXT or reads as unavailable (the
// types are generated from the API document: a new refusal on these routes fails the typecheck
// until it is placed). Some of the unavailable ones, and one this build does not know:
const codes = [...Object.keys(REFUSAL_TEXT), 'INTERNAL', 'NO_PROVIDER', 'BAD_JSON', 'NETWORK_ERROR', 'NEW_CODE'];

describe('what a refused call shows the cardholder', () => {
  it('every code the form can meet has its text in both locales, and the Chinese one has no English in it', () => {
    expect(Object.keys(REFUSAL_TEXT)).toHaveLength(14);
    for (const code of codes) {
      const zh = shownRefusal(STRINGS['zh-CN'], { code, message: 'The widget token has expired.' });
      const en = shownRefusal(STRINGS.en, { code, message: 'The widget token has expired.' });
      expect(zh.message, code).toMatch(/[\u4e00-\u9fa5]/);
      expect(zh.message, code).not.toMatch(/[A-Za-z]/);
      expect(en.message, code).toMatch(/^[A-Z][a-z]/);
      // The BFF's words go to the developer only.
      expect(zh.message).not.toContain('token');
      expect(zh.detail).toBe('The widget token has expired.');
      expect(zh.code).toBe(code);
    }
  });

  it('token and session problems read as an expired form, in the widget’s language', () => {
    for (const code of ['TOKEN_EXPIRED', 'UNAUTHENTICATED', 'TOKEN_USED', 'ORIGIN_NOT_ALLOWED']) {
      expect(shownRefusal(STRINGS['zh-CN'], { code, message: 'Missing or invalid credentials.' }).message).toBe(
        '本次验证已失效，请刷新页面后重试',
      );
    }
  });

  it('a code this build does not know, or none, reads as "unavailable", not as the API’s English', () => {
    expect(refusalText('SOMETHING_NEW')).toBe('unavailable');
    expect(refusalText(undefined)).toBe('unavailable');
    expect(shownRefusal(STRINGS.en, { code: 'SOMETHING_NEW', message: 'x' }).message).toBe(
      STRINGS.en.refusals.unavailable,
    );
  });
});
