import type { ReasonCode } from './reasons.js';

export type Locale = 'zh-CN' | 'en';
export type LocalizedText = Readonly<Record<Locale, string>>;

/**
 * User-safe messages, shown to the cardholder. They name the field to fix or
 * the next step, and never echo the input or the provider's raw text.
 */
export const OUTCOME_MESSAGES: Readonly<Record<ReasonCode, LocalizedText>> = {
  VERIFIED: { 'zh-CN': '验证通过', en: 'Verified' },
  MISMATCH: {
    'zh-CN': '信息与银行预留信息不一致，请核对后重试',
    en: 'The details do not match the bank’s records. Please check them.',
  },
  NAME_MISMATCH: { 'zh-CN': '姓名与银行卡不一致，请核对', en: 'The name does not match the card. Please check it.' },
  ID_NUMBER_MISMATCH: {
    'zh-CN': '身份证号与银行卡不一致，请核对',
    en: 'The ID number does not match the card. Please check it.',
  },
  PHONE_MISMATCH: {
    'zh-CN': '手机号与银行预留手机号不一致',
    en: 'The mobile number is not the one registered with the bank.',
  },
  CARDHOLDER_INFO_MISMATCH: {
    'zh-CN': '持卡人信息有误，请核对',
    en: 'The cardholder details are incorrect. Please check them.',
  },
  CARD_NUMBER_INVALID: {
    'zh-CN': '银行卡号无效，请更换银行卡',
    en: 'This card number is not valid. Please use another card.',
  },
  CARD_NO_ISSUER: {
    'zh-CN': '未找到该卡的发卡行，请更换银行卡',
    en: 'The card’s issuing bank was not found. Please use another card.',
  },
  CARD_CARDLESS_DISABLED: {
    'zh-CN': '该卡未开通无卡支付，请联系发卡行开通',
    en: 'Card-not-present payments are not enabled for this card. Ask your bank to enable them.',
  },
  CARD_CONFISCATED: {
    'zh-CN': '该卡已被没收，请更换银行卡',
    en: 'This card has been retained by the bank. Please use another card.',
  },
  CARD_DORMANT: {
    'zh-CN': '该卡未激活或为睡眠卡，请联系发卡行',
    en: 'This card is not activated or is dormant. Please contact your bank.',
  },
  CARD_FRAUD: { 'zh-CN': '该卡无法使用，请更换银行卡', en: 'This card cannot be used. Please use another card.' },
  CARD_LOST: { 'zh-CN': '该卡已挂失，请更换银行卡', en: 'This card has been reported lost. Please use another card.' },
  CARD_EXPIRED: { 'zh-CN': '该卡已过期，请更换银行卡', en: 'This card has expired. Please use another card.' },
  CARD_RESTRICTED: {
    'zh-CN': '该卡受限，请联系发卡行或更换银行卡',
    en: 'This card is restricted. Contact your bank or use another card.',
  },
  CARD_PIN_LOCKED: {
    'zh-CN': '密码错误次数超限，请联系发卡行',
    en: 'Too many wrong PIN attempts. Please contact your bank.',
  },
  CARD_STATUS_ABNORMAL: {
    'zh-CN': '卡状态异常或卡号有误，请核对或更换银行卡',
    en: 'The card’s status is abnormal or the number is wrong. Check it or use another card.',
  },
  ISSUER_UNSUPPORTED: {
    'zh-CN': '发卡行暂不支持此业务，请更换银行卡',
    en: 'Your bank does not support this service. Please use another card.',
  },
  RISK_RESTRICTED: {
    'zh-CN': '该卡暂时无法使用，请更换银行卡',
    en: 'This card cannot be used right now. Please use another card.',
  },
  VERIFICATION_REJECTED: {
    'zh-CN': '验证未通过，请更换银行卡或联系发卡行',
    en: 'Verification was declined. Use another card or contact your bank.',
  },
  BIND_DECLINED: {
    'zh-CN': '银行未完成绑卡，请重试或更换银行卡',
    en: 'The bank did not bind the card. Try again or use another card.',
  },
  NAME_INVALID: {
    'zh-CN': '姓名格式有误，请填写身份证上的姓名',
    en: 'The name is not valid. Enter it as printed on your ID card.',
  },
  ID_NUMBER_INVALID: { 'zh-CN': '身份证号有误，请核对', en: 'The ID number is not valid. Please check it.' },
  CARD_NUMBER_FORMAT: {
    'zh-CN': '银行卡号格式有误，请核对',
    en: 'The card number is not in a valid format. Please check it.',
  },
  PHONE_INVALID: { 'zh-CN': '手机号有误，请核对', en: 'The mobile number is not valid. Please check it.' },
  ID_TYPE_UNSUPPORTED: {
    'zh-CN': '暂仅支持第二代居民身份证',
    en: 'Only second-generation resident ID cards are supported.',
  },
  INVALID_PARAMETER: {
    'zh-CN': '提交的信息有误，请核对后重试',
    en: 'Some details are not valid. Please check them and try again.',
  },
  PROVIDER_BUSY: {
    'zh-CN': '验证服务繁忙，请稍后重试',
    en: 'The verification service is busy. Please try again shortly.',
  },
  PROVIDER_ERROR: {
    'zh-CN': '验证服务暂时不可用，请稍后重试',
    en: 'The verification service is unavailable. Please try again later.',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后重试', en: 'Too many requests. Please try again shortly.' },
  DAILY_LIMIT: {
    'zh-CN': '今日验证次数已达上限，请明天再试',
    en: 'The daily verification limit is reached. Please try again tomorrow.',
  },
  TIMEOUT: { 'zh-CN': '验证超时，请稍后查看结果或重试', en: 'Verification timed out. Please try again later.' },
  RESULT_UNKNOWN: { 'zh-CN': '验证结果未知，请稍后重试', en: 'The result is not known yet. Please try again later.' },
  OUTCOME_UNKNOWN: {
    'zh-CN': '验证中断，结果未知，请重新验证',
    en: 'The verification was interrupted and its result is not known. Please verify again.',
  },
  SIGNATURE_EXPIRED: { 'zh-CN': '请求已过期，请重试', en: 'The request expired. Please try again.' },
  SIGNATURE_REJECTED: {
    'zh-CN': '服务配置有误，请联系商户',
    en: 'The service is misconfigured. Please contact the merchant.',
  },
  AUTH_FAILED: {
    'zh-CN': '服务配置有误，请联系商户',
    en: 'The service is misconfigured. Please contact the merchant.',
  },
  REQUEST_REPLAYED: { 'zh-CN': '重复的请求，请重试', en: 'Duplicate request. Please try again.' },
  INSUFFICIENT_BALANCE: {
    'zh-CN': '服务暂不可用，请联系商户',
    en: 'The service is unavailable. Please contact the merchant.',
  },
  SERVICE_NOT_ACTIVATED: {
    'zh-CN': '服务未开通，请联系商户',
    en: 'The service is not enabled. Please contact the merchant.',
  },
  MERCHANT_INVALID: {
    'zh-CN': '商户状态异常，请联系商户',
    en: 'The merchant account has a problem. Please contact the merchant.',
  },
  MERCHANT_KEY_INVALID: {
    'zh-CN': '服务配置有误，请联系商户',
    en: 'The service is misconfigured. Please contact the merchant.',
  },
  DECRYPT_FAILED: {
    'zh-CN': '服务配置有误，请联系商户',
    en: 'The service is misconfigured. Please contact the merchant.',
  },
  DUPLICATE_ORDER: { 'zh-CN': '重复的订单，请重新发起', en: 'Duplicate order. Please start again.' },
  ORDER_NOT_FOUND: { 'zh-CN': '订单不存在，请重新发起', en: 'The order was not found. Please start again.' },
  PROVIDER_RESPONSE_INVALID: {
    'zh-CN': '验证服务返回异常，请稍后重试',
    en: 'The verification service answered abnormally. Please try again later.',
  },
  UNKNOWN: { 'zh-CN': '验证失败，请稍后重试', en: 'Verification failed. Please try again later.' },
};
