import type { ValidationCode } from '@cardbind/core/validation';
import type { Locale } from '../protocol.js';
import type { RefusalText } from './refusals.js';

/** What is shared: exactly the fields the form sends, to whom, by whom, and why. */
export type ConsentField = 'name' | 'idNumber' | 'cardNumber' | 'phone' | 'bank';
export interface ConsentParts {
  fields: ConsentField[];
  purposes: ('verify' | 'bind')[];
  /** Who receives the data: the companies the BFF routes to, or the merchant's own words. */
  provider: readonly string[] | string | undefined;
  merchant: string | undefined;
}

const zh = {
  name: '姓名',
  idNumber: '身份证号',
  cardNumber: '银行卡号',
  phone: '银行预留手机号',
  bank: '开户银行',
  cardType: '卡类型',
  debit: '借记卡',
  credit: '信用卡',
  consent: {
    text: '我同意{merchant}将我的{fields}提供给{provider}，用于{purposes}。以上为敏感个人信息，仅用于此目的。',
    verify: '核验该银行卡是否属于本人',
    bind: '通过开户银行将该卡绑定到我在{merchant}的账户',
    purposesJoin: '，并',
    separator: '、',
    last: '和',
    merchant: '本商户',
    provider: '银行卡验证服务商',
    fields: {
      name: '姓名',
      idNumber: '证件号码',
      cardNumber: '银行卡号',
      phone: '银行预留手机号',
      bank: '开户银行及卡类型',
    },
  },
  consentRequired: '请先勾选同意',
  verify: '验证',
  cancel: '取消',
  verifying: '正在验证…',
  bind: '去银行绑卡',
  continueToBind: '继续绑卡',
  redirecting: '正在前往银行页面…',
  waiting: '正在等待银行结果…',
  bound: '绑卡成功',
  bindFailed: '绑卡未成功',
  retry: '重试',
  otherCard: '换一张卡',
  newAttempt: '验证其他银行卡',
  chooseBank: '请从列表中选择开户银行',
  chooseCardType: '请选择卡类型',
  cardOptional: '银行卡号（选填，用于识别开户银行）',
  reloadToRetry: '请刷新页面后重试',
  refusals: {
    expired: '本次验证已失效，请刷新页面后重试',
    tooMany: '尝试次数过多，请稍后再试',
    checkDetails: '请核对填写的信息后重试',
    busy: '上次请求仍在处理，请稍候再试',
    bankPageLost: '未能打开银行页面，请重新绑卡',
    unavailable: '服务暂时不可用，请稍后再试',
  } satisfies Record<RefusalText, string>,
  errors: {
    NAME_EMPTY: '请输入姓名',
    NAME_CHARACTERS: '请按证件填写姓名：只能包含汉字和间隔号“·”',
    NAME_LATIN_CHARACTERS: '请按永久居留身份证填写姓名：只能包含拉丁字母、空格、“·”和“-”',
    NAME_DOT_POSITION: '“·”和“-”只能在字之间',
    NAME_TOO_LONG: '姓名过长',
    ID_EMPTY: '请输入身份证号',
    ID_CHARACTERS: '身份证号只能包含数字和 X',
    ID_TOO_SHORT: '身份证号位数不足',
    ID_TOO_LONG: '身份证号位数过多',
    ID_REGION: '身份证号地区码无效',
    ID_BIRTH_DATE: '身份证号出生日期无效',
    ID_BIRTH_DATE_FUTURE: '身份证号出生日期无效',
    ID_CHECKSUM: '身份证号校验位不正确',
    CARD_EMPTY: '请输入银行卡号',
    CARD_CHARACTERS: '卡号只能包含数字',
    CARD_TOO_SHORT: '卡号位数不足',
    CARD_TOO_LONG: '卡号位数过多',
    CARD_ISSUER: '银行卡号不会以 0 开头',
    PHONE_EMPTY: '请输入手机号',
    PHONE_CHARACTERS: '手机号只能包含数字',
    PHONE_TOO_SHORT: '手机号位数不足',
    PHONE_TOO_LONG: '手机号位数过多',
    PHONE_PREFIX: '请输入中国大陆手机号',
    NAME_SINGLE_CHARACTER: '请核对姓名',
    ID_UPGRADED_FROM_15: '已转换为 18 位身份证号',
    CARD_LUHN: '请核对卡号',
  } satisfies Record<ValidationCode, string>,
};

type Strings = typeof zh;

const en: Strings = {
  name: 'Full name',
  idNumber: 'Resident ID number',
  cardNumber: 'Bank card number',
  phone: 'Mobile number registered with the bank',
  bank: 'Bank',
  cardType: 'Card type',
  debit: 'Debit card',
  credit: 'Credit card',
  consent: {
    text: 'I agree that {merchant} shares my {fields} with {provider} {purposes}. This is sensitive personal information, shared for this purpose only.',
    verify: 'to check that this card is mine',
    bind: 'to bind this card to my account with {merchant} through my bank',
    purposesJoin: ' and ',
    separator: ', ',
    last: ' and ',
    merchant: 'this merchant',
    provider: 'the card verification service',
    fields: {
      name: 'name',
      idNumber: 'ID number',
      cardNumber: 'bank card number',
      phone: 'mobile number',
      bank: "card's bank and type",
    },
  },
  consentRequired: 'Please tick the consent box first',
  verify: 'Verify',
  cancel: 'Cancel',
  verifying: 'Verifying…',
  bind: 'Bind at my bank',
  continueToBind: 'Continue to bind',
  redirecting: 'Opening your bank…',
  waiting: 'Waiting for the bank…',
  bound: 'Card bound',
  bindFailed: 'The card was not bound',
  retry: 'Try again',
  otherCard: 'Use another card',
  newAttempt: 'Verify another card',
  chooseBank: 'Choose your bank from the list',
  chooseCardType: 'Choose the card type',
  cardOptional: 'Card number (optional, finds your bank)',
  reloadToRetry: 'Reload the page to try again',
  refusals: {
    expired: 'This form has expired. Reload the page',
    tooMany: 'Too many attempts. Try again later',
    checkDetails: 'Check the details and try again',
    busy: 'Still working on your last request. Try again in a moment',
    bankPageLost: 'Your bank’s page could not be opened. Start again',
    unavailable: 'The service is unavailable. Try again later',
  },
  errors: {
    NAME_EMPTY: 'Enter your name',
    NAME_CHARACTERS: 'Enter the name as on the ID: Chinese characters and the middle dot “·” only',
    NAME_LATIN_CHARACTERS: 'Enter the name as on the permanent residence ID: Latin letters, spaces, “·” and “-” only',
    NAME_DOT_POSITION: 'The middle dot and the hyphen go between letters only',
    NAME_TOO_LONG: 'The name is too long',
    ID_EMPTY: 'Enter your ID number',
    ID_CHARACTERS: 'Use digits and X only',
    ID_TOO_SHORT: 'The ID number is too short',
    ID_TOO_LONG: 'The ID number is too long',
    ID_REGION: 'The ID number has an unknown region code',
    ID_BIRTH_DATE: 'The ID number has an invalid birth date',
    ID_BIRTH_DATE_FUTURE: 'The ID number has an invalid birth date',
    ID_CHECKSUM: 'The ID number check digit is wrong',
    CARD_EMPTY: 'Enter your card number',
    CARD_CHARACTERS: 'Use digits only',
    CARD_TOO_SHORT: 'The card number is too short',
    CARD_TOO_LONG: 'The card number is too long',
    CARD_ISSUER: 'A card number never starts with 0',
    PHONE_EMPTY: 'Enter your mobile number',
    PHONE_CHARACTERS: 'Use digits only',
    PHONE_TOO_SHORT: 'The mobile number is too short',
    PHONE_TOO_LONG: 'The mobile number is too long',
    PHONE_PREFIX: 'Enter a mainland China mobile number',
    NAME_SINGLE_CHARACTER: 'Please check the name',
    ID_UPGRADED_FROM_15: 'Converted to an 18-digit ID number',
    CARD_LUHN: 'Please check the card number',
  },
};

/**
 * Every locale's strings: data only (JSON), so the BFF can serve the frame with the one the page
 * asked for written into it (the build leaves a placeholder: see strings.ts), not both.
 */
export const STRINGS: Record<Locale, Strings> = { 'zh-CN': zh, en };
export type { Strings };
