import { describe, expect, it } from 'vitest';
import {
  axe,
  bodiesTo,
  demo,
  en,
  fill,
  fullWidth,
  maria,
  open,
  paste,
  SITUATIONS,
  shot,
  useCheckout,
  zhang,
} from './browser.js';

useCheckout();

/**
 * The cardholder's form as a person types into it: pasting numbers of every shape, pressing twice, a
 * foreign name, leaving a field short; in both languages, on a desktop and on a phone.
 */
for (const { device, viewport, locale } of SITUATIONS) {
  describe(`the cardholder's typing (${locale}, ${device})`, () => {
    it('keeps every digit of a paste, whatever its shape; a too-long card shows all its digits and says so', async () => {
      const { page, frame } = await open(`mode=verify&elements=4&locale=${locale}`, viewport);
      const cards: [string, string][] = [
        [' 6222 0200 0000 0001 008 ', '6222 0200 0000 0001 008'],
        ['6222  0200  0000  0001  008', '6222 0200 0000 0001 008'],
        ['6222-0200-0000-0001-008', '6222 0200 0000 0001 008'],
        [fullWidth('6222020000000001008'), '6222 0200 0000 0001 008'],
        ['\t6222020000000001008\n', '6222 0200 0000 0001 008'],
      ];
      for (const [pasted, shown] of cards) {
        await paste(page, frame, '#cardNumber', pasted);
        expect([JSON.stringify(pasted), await frame.inputValue('#cardNumber')]).toEqual([
          JSON.stringify(pasted),
          shown,
        ]);
      }
      for (const pasted of ['110105 1949 1231 002X', '110105-19491231-002x', fullWidth('11010519491231002X')]) {
        await paste(page, frame, '#idNumber', pasted);
        expect(await frame.inputValue('#idNumber')).toBe('11010519491231002X');
      }
      for (const pasted of ['+86 138 0013 8000', '0086-138-0013-8000', '138 0013 8000']) {
        await paste(page, frame, '#phone', pasted);
        expect(await frame.inputValue('#phone')).toBe('13800138000');
      }

      // 20 digits: all shown, "too long" once the field is left; one Backspace leaves the 19 typed before.
      await paste(page, frame, '#cardNumber', '6222 0200 0000 0001 0080');
      expect(await frame.inputValue('#cardNumber')).toBe('6222 0200 0000 0001 0080');
      await frame.focus('#name');
      expect(await frame.getAttribute('#cardNumber', 'aria-invalid')).toBe('true');
      const message = await frame.getAttribute('#cardNumber', 'aria-describedby');
      expect(await frame.textContent(`#${message}`)).toMatch(locale === 'en' ? /too long/ : /过多/);
      await frame.focus('#cardNumber');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      expect(await frame.inputValue('#cardNumber')).toBe('6222 0200 0000 0001 008');
      // Typing in the middle keeps the caret after the digit typed, though the groups shift.
      await page.keyboard.press('Home');
      for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowRight');
      await page.keyboard.type('9');
      expect(await frame.inputValue('#cardNumber')).toBe('6222 0920 0000 0000 1008');
      expect(await frame.evaluate(() => (document.activeElement as HTMLInputElement).selectionStart)).toBe(7);
      await page.keyboard.press('Backspace');

      // What is sent is what was shown, digit for digit.
      const sent = bodiesTo(page, '/v1/verifications');
      await fill(frame, { name: zhang.name });
      await frame.check('#consent');
      await frame.click('button[type=submit]');
      await frame.waitForSelector('.outcome.verified');
      expect(sent[0]).toMatchObject({ cardNumber: zhang.card, idNumber: zhang.idNumber, phone: zhang.phone });
      await page.close();
    });

    it('verified is final: pressing again sends nothing; only an explicit new attempt verifies again', async () => {
      const { page, frame } = await open(`mode=verify&locale=${locale}`, viewport);
      await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card });
      await frame.check('#consent');
      const calls = demo.faceid.stats.count('BankCardVerification');
      await frame.click('button[type=submit]');
      await frame.waitForSelector('.outcome.verified');
      // The result has the focus; no submit button any more; Enter in a field does nothing; the fields are read-only.
      expect(await frame.evaluate(() => document.activeElement?.className)).toBe('outcome verified');
      expect(await frame.locator('button[type=submit]').count()).toBe(0);
      await frame.focus('#name');
      await page.keyboard.press('Enter');
      expect(await frame.getAttribute('#cardNumber', 'readonly')).not.toBeNull();
      await axe(frame, 'verified final');
      expect(demo.faceid.stats.count('BankCardVerification')).toBe(calls + 1);
      await page.waitForFunction(() => document.getElementById('events')?.textContent?.includes('success'));
      const successes = () =>
        page.evaluate(() => document.getElementById('events')?.textContent?.split('success').length);
      const before = await successes();
      // A new attempt, said explicitly: the card is cleared, a new verification is one more call.
      await frame.click('.actions button.secondary');
      expect(await frame.inputValue('#cardNumber')).toBe('');
      await fill(frame, { cardNumber: zhang.card });
      await frame.click('button[type=submit]');
      await frame.waitForSelector('.outcome.verified');
      expect(demo.faceid.stats.count('BankCardVerification')).toBe(calls + 2);
      expect(await successes()).toBe((before ?? 0) + 1);
      await page.close();
    });

    it("a foreigner's permanent residence ID takes a Latin name; a mainland ID does not, and says what it takes", async () => {
      const { page, frame } = await open(`mode=verify&locale=${locale}`, viewport);
      await fill(frame, { name: maria.name, idNumber: zhang.idNumber });
      expect(await frame.getAttribute('#name', 'aria-invalid')).toBe('true');
      const message = await frame.getAttribute('#name', 'aria-describedby');
      expect(await frame.textContent(`#${message}`)).toMatch(en(locale) ? /Chinese characters/ : /汉字/);
      await fill(frame, { idNumber: maria.idNumber, cardNumber: maria.card });
      expect(await frame.getAttribute('#name', 'aria-invalid')).toBe('false');
      await frame.check('#consent');
      const sent = bodiesTo(page, '/v1/verifications');
      const calls = demo.faceid.stats.count('BankCardVerification');
      await frame.click('button[type=submit]');
      // Sent as typed; the provider takes mainland resident IDs only and says so, without charging.
      await frame.waitForSelector('.outcome.rejected');
      expect(sent[0]).toMatchObject({ name: maria.name, idNumber: maria.idNumber });
      expect(demo.faceid.stats.count('BankCardVerification')).toBe(calls + 1);
      expect(await frame.textContent('.outcome')).toMatch(
        en(locale) ? /Only second-generation resident ID cards/ : /仅支持第二代居民身份证/,
      );
      await shot(page, `foreign-name-${locale}-${device}`);
      await page.close();
    });

    it('a short ID or card is flagged on leaving the field; the demo heading names the mode', async () => {
      const { page, frame } = await open(`mode=verify&locale=${locale}`, viewport);
      await fill(frame, { idNumber: '1101051949', cardNumber: '622202' });
      expect(await frame.getAttribute('#idNumber', 'aria-invalid')).toBe('true');
      expect(await frame.getAttribute('#cardNumber', 'aria-invalid')).toBe('true');
      await page.close();
      const bind = await open(`mode=bind&locale=${locale}`, viewport);
      expect(await bind.page.textContent('#widget-title')).toBe(en(locale) ? 'Bind a bank card' : '绑定银行卡');
      await bind.page.close();
    });
  });
}
