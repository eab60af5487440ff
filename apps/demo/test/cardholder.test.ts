import type { Frame, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, DESKTOP, demo, fill, frameOf, open, PHONE, shot, zhang } from './browser.js';

/**
 * The cardholder's form in every detail, as a person uses it: pasting numbers
 * of every shape, reading the consent, choosing a bank, pressing twice, a
 * foreign name; in both languages, on a desktop and on a phone.
 */
const maria = { name: 'MARIA GARCIA', idNumber: '911840199001010026', card: '6222020000000005009' };
const fullWidth = (v: string) => v.replace(/[0-9X]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

/** A paste: the text arrives in one insertion, as the clipboard delivers it (maxlength applies to it). */
async function paste(page: Page, frame: Frame, selector: string, text: string) {
  await frame.fill(selector, '');
  await frame.focus(selector);
  await page.keyboard.insertText(text);
}

/** The JSON bodies the frame sends to `path`. */
function bodiesTo(page: Page, path: string): Record<string, unknown>[] {
  const bodies: Record<string, unknown>[] = [];
  page.on('request', (r: Request) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === path) bodies.push(r.postDataJSON());
  });
  return bodies;
}

for (const [device, viewport] of [
  ['desktop', DESKTOP],
  ['phone', PHONE],
] as const) {
  for (const locale of ['zh-CN', 'en'] as const) {
    describe(`the cardholder's form (${locale}, ${device})`, () => {
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

      it('the consent names exactly the fields sent, the provider, the merchant and the purpose; nothing else is sent', async () => {
        const en = locale === 'en';
        const label = en
          ? { name: 'name', idNumber: 'ID number', cardNumber: 'bank card number', phone: 'mobile number' }
          : { name: '姓名', idNumber: '证件号码', cardNumber: '银行卡号', phone: '手机号' };
        for (const [query, fields, purpose] of [
          [
            'mode=verify',
            ['name', 'idNumber', 'cardNumber'],
            en ? /to check that this card is mine/ : /核验该银行卡是否属于本人/,
          ],
          [
            'mode=verify&elements=2',
            ['name', 'cardNumber'],
            en ? /to check that this card is mine/ : /核验该银行卡是否属于本人/,
          ],
          [
            'mode=verify&elements=4',
            ['name', 'idNumber', 'cardNumber', 'phone'],
            en ? /to check that this card is mine/ : /核验该银行卡是否属于本人/,
          ],
          [
            'mode=bind',
            ['name', 'idNumber', 'phone'],
            en ? /to bind this card to my account with Demo Shop/ : /绑定到我在演示商城的账户/,
          ],
        ] as const) {
          const { page, frame } = await open(`${query}&locale=${locale}`, viewport);
          const text = (await frame.textContent('#consent-text')) ?? '';
          expect(text).toMatch(purpose);
          const bind = query === 'mode=bind';
          const provider = en
            ? bind
              ? 'the aggregated-pay service (sandbox)'
              : 'Tencent Cloud (sandbox)'
            : bind
              ? '聚合支付服务商（沙箱）'
              : '腾讯云（沙箱）';
          expect(text).toContain(provider);
          expect(text).toContain(en ? 'Demo Shop' : '演示商城');
          for (const [field, name] of Object.entries(label)) {
            expect([query, field, text.includes(name)]).toEqual([
              query,
              field,
              (fields as readonly string[]).includes(field),
            ]);
          }
          if (query === 'mode=bind') expect(text).toContain(en ? "card's bank and type" : '开户银行及卡类型');
          await axe(frame, `consent ${query}`);
          // The request carries the consented fields and nothing more.
          const path = query === 'mode=bind' ? '/v1/bind-cards' : '/v1/verifications';
          const sent = bodiesTo(page, path);
          const values = { name: zhang.name, idNumber: zhang.idNumber, cardNumber: zhang.card, phone: zhang.phone };
          const typed = Object.fromEntries(
            Object.entries(values).filter(([f]) => (fields as readonly string[]).includes(f) || query === 'mode=bind'),
          );
          await fill(frame, typed);
          if (query === 'mode=bind') {
            await frame.waitForFunction(() => (document.querySelector('#bank') as HTMLInputElement).value !== '');
          }
          await frame.check('#consent');
          await Promise.all([
            page.waitForRequest((r) => new URL(r.url()).pathname === path),
            frame.click('button[type=submit]'),
          ]);
          const extra = query === 'mode=bind' ? ['bankCode', 'bankCardType'] : ['kind'];
          expect(Object.keys(sent[0] ?? {}).sort()).toEqual([...fields, ...extra, 'consent'].sort());
          await page.close();
        }
      });

      it('verify then bind: one consent names both purposes, the card and the bank', async () => {
        const { page, frame } = await open(`mode=verify-then-bind&locale=${locale}`, viewport);
        const text = (await frame.textContent('#consent-text')) ?? '';
        expect(text).toMatch(
          en(locale)
            ? /to check that this card is mine and to bind this card/
            : /核验该银行卡是否属于本人，并通过开户银行将该卡绑定/,
        );
        for (const name of en(locale)
          ? ['name', 'ID number', 'bank card number', 'mobile number', "card's bank and type"]
          : ['姓名', '证件号码', '银行卡号', '手机号', '开户银行及卡类型']) {
          expect(text).toContain(name);
        }
        await page.close();
      });

      it('bind: no bank or card type is chosen for the person; the card number fills both from its BIN', async () => {
        const { page, frame } = await open(`mode=bind&locale=${locale}`, viewport);
        expect(await frame.inputValue('#bank')).toBe('');
        expect(await frame.isChecked('input[name=cardType][value=DEBIT]')).toBe(false);
        expect(await frame.isChecked('input[name=cardType][value=CREDIT]')).toBe(false);
        await fill(frame, { name: zhang.name, idNumber: zhang.idNumber, phone: zhang.phone });
        await frame.check('#consent');
        const creates = demo.aggregate.stats.count('create');
        await frame.click('button[type=submit]');
        // Refused in the form: the bank is asked for, and has the focus.
        expect(await frame.evaluate(() => document.activeElement?.id)).toBe('bank');
        expect(await frame.getAttribute('#bank', 'aria-invalid')).toBe('true');
        expect(await frame.textContent('#bank-message')).toMatch(en(locale) ? /Choose your bank/ : /选择开户银行/);
        expect(await frame.textContent('#card-type-message')).toMatch(en(locale) ? /card type/ : /卡类型/);
        await axe(frame, 'bank required');
        await shot(page, `bind-form-errors-${locale}-${device}`);
        // The list holds names in the widget's language, common banks first, filtered by what is typed.
        const options = await frame.$$eval('#bank-list option', (os) => os.map((o) => (o as HTMLOptionElement).value));
        expect(options.slice(0, 2)).toEqual(
          en(locale)
            ? ['Industrial and Commercial Bank of China', 'China Construction Bank']
            : ['中国工商银行', '中国建设银行'],
        );
        expect(options.length).toBeGreaterThan(200);
        // Typing a bank's name chooses it.
        await frame.fill('#bank', en(locale) ? 'Bank of China' : '中国银行');
        expect(await frame.getAttribute('#bank', 'aria-invalid')).toBe('false');
        // The optional card number: its BIN fills bank and type.
        await fill(frame, { cardNumber: zhang.card });
        await frame.waitForFunction(
          (name) => (document.querySelector('#bank') as HTMLInputElement).value === name,
          en(locale) ? 'Industrial and Commercial Bank of China' : '中国工商银行',
        );
        expect(await frame.isChecked('input[name=cardType][value=DEBIT]')).toBe(true);
        await shot(page, `bind-form-${locale}-${device}`);
        const sent = bodiesTo(page, '/v1/bind-cards');
        await Promise.all([page.waitForURL(/\/bank\//), frame.click('button[type=submit]')]);
        expect(sent[0]).toMatchObject({ bankCode: 'ICBC', bankCardType: 'DEBIT' });
        expect(sent[0]).not.toHaveProperty('cardNumber');
        expect(demo.aggregate.stats.count('create')).toBe(creates + 1);
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

      it('a declined bind → try again (a fresh token through fetchToken) → bound', async () => {
        const { page, frame } = await open(`mode=bind&locale=${locale}`, viewport);
        const bindForm = async (f: Frame) => {
          await fill(f, { cardNumber: zhang.card, name: zhang.name, idNumber: zhang.idNumber, phone: zhang.phone });
          await f.waitForFunction(() => (document.querySelector('#bank') as HTMLInputElement).value !== '');
          await f.check('#consent');
          await Promise.all([page.waitForURL(/\/bank\//), f.click('button[type=submit]')]);
        };
        await bindForm(frame);
        await page.click('button[value=decline]');
        await page.waitForURL(/cardbind_order=/);
        let back = await frameOf(page);
        await back.waitForSelector('.result.failed button');
        expect(await back.evaluate(() => document.activeElement?.classList.contains('result'))).toBe(true);
        await axe(back, 'declined');
        await back.click('.result button >> nth=0');
        back = await frameOf(page);
        await bindForm(back);
        await page.click('button[value=approve]');
        await page.waitForURL(/cardbind_order=/);
        await (await frameOf(page)).waitForSelector('.result.bound');
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
}

function en(locale: string) {
  return locale === 'en';
}
