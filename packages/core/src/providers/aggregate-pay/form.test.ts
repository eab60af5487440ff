import { describe, expect, it } from 'vitest';
import type { BindCardCreateResultPlain } from './api-types.js';
import { formDescriptor } from './form.js';

const base: BindCardCreateResultPlain = {
  customerNo: '202112090603',
  orderNo: 'BCC287242753802400',
  errCode: '0000',
  errMessage: '成功',
  submitUrl: 'www.icbc.com',
  submitMethod: 'post',
  encoding: 'UTF-8',
  submitParams: '{"epccGwMsg":"这里是参数值"}',
  sign: '148C83F70C54670F4A0F711569E580A4',
};
const policy = { allowedHosts: ['www.icbc.com', '.bank.example'] };

describe('formDescriptor', () => {
  it("builds the spec example's form: scheme-less URL as https, method upper-cased", () => {
    expect(formDescriptor(base, policy, 'agg')).toEqual({
      action: 'https://www.icbc.com/',
      method: 'POST',
      acceptCharset: 'UTF-8',
      fields: { epccGwMsg: '这里是参数值' },
    });
  });

  it.each([
    ['http://www.icbc.com/pay', 'not https'],
    ['https://evil.example/pay', 'not allowed'],
    ['https://user:pw@www.icbc.com/', 'credentials'],
    ['javascript:alert(1)', 'refused submitUrl'],
  ])('refuses %s', (submitUrl, why) => {
    expect(() => formDescriptor({ ...base, submitUrl }, policy, 'agg')).toThrow(why);
  });

  it('allows subdomains of a .suffix entry, and loopback http only when asked', () => {
    expect(formDescriptor({ ...base, submitUrl: 'https://h5.bank.example/x' }, policy, 'agg').action).toBe(
      'https://h5.bank.example/x',
    );
    const loop = { ...base, submitUrl: 'http://127.0.0.1:8080/bank/bind' };
    expect(() => formDescriptor(loop, { allowedHosts: ['127.0.0.1'] }, 'agg')).toThrow('not https');
    expect(formDescriptor(loop, { allowedHosts: ['127.0.0.1'], allowHttpLoopback: true }, 'agg').action).toBe(
      loop.submitUrl,
    );
  });

  it('assembles fields from the query string when submitParams is absent', () => {
    const { submitParams: _, ...noParams } = base;
    const form = formDescriptor(
      { ...noParams, submitUrl: 'https://www.icbc.com/b?a=1&b=2', submitMethod: 'GET' },
      policy,
      'agg',
    );
    expect(form).toMatchObject({ action: 'https://www.icbc.com/b', method: 'GET', fields: { a: '1', b: '2' } });
  });

  it('refuses a method other than GET or POST and non-JSON params', () => {
    expect(() => formDescriptor({ ...base, submitMethod: 'PUT' }, policy, 'agg')).toThrow('submitMethod');
    expect(() => formDescriptor({ ...base, submitParams: '{' }, policy, 'agg')).toThrow('not JSON');
  });
});
