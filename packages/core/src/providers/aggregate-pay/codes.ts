import type { ReasonCode } from '../../outcome/reasons.js';

/** Every `errCode` of the spec. Binding is not a billed call: nothing here is charged. */
export const AGG_ERR_CODES: Readonly<Record<string, ReasonCode>> = {
  '0000': 'VERIFIED', // 成功
  '9999': 'UNKNOWN', // 其他错误
  '1001': 'PROVIDER_ERROR', // 系统异常
  '1002': 'INVALID_PARAMETER', // 请求参数错误
  '1003': 'INVALID_PARAMETER', // 必填参数为空
  '2001': 'MERCHANT_INVALID', // 商户信息异常,请联系客服
  '2002': 'PROVIDER_ERROR', // 渠道处理失败 (请换单重试: retry with a new order)
  '2104': 'DUPLICATE_ORDER', // 订单已存在,请勿重复提交
  '2106': 'ORDER_NOT_FOUND', // 订单不存在
};

/**
 * Wrapper-level failures (`success: false`), before any plaintext exists. The
 * spec shows only success; these codes are the sandbox's and our decision.
 */
export const AGG_WRAPPER_CODES: Readonly<Record<string, ReasonCode>> = {
  '400': 'DECRYPT_FAILED',
  '401': 'SIGNATURE_REJECTED',
  '403': 'MERCHANT_INVALID',
};

/** A bank page decline, sent in the notification's errCode (our decision). */
export const AGG_DECLINED = 'USER_DECLINED';
