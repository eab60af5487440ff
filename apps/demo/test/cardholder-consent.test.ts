import type { Frame } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { axe, bodiesTo, demo, en, fill, frameOf, open, SITUATIONS, shot, useCheckout, zhang } from './browser.js';

useCheckout();

/**
 * What the cardholder is asked and agrees to: the consent naming what is sent and why, the bank and
 * card type of a bind, a declined bind tried again; in both languages, on a desktop and on a phone.
 */
for (const { device, viewport, locale } of SITUATIONS) {
  describe(`the cardholder's consent and choices (${locale}, ${device})`, () => {
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
        // Four elements may go on to RZ if FaceID cannot answer: the BFF names it too, once the
        // form has read its session (the routing and providerNames say who).
        if (query === 'mode=verify&elements=4') {
          const rz = en ? 'Tencent Cloud (sandbox) and RZ verification (sandbox)' : '腾讯云（沙箱）和RZ 认证（沙箱）';
          await frame.waitForFunction(
            (both) => document.querySelector('#consent-text')?.textContent?.includes(both),
            rz,
          );
        }
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
  });
}
