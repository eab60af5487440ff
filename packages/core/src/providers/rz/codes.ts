import type { Charged } from '../../outcome/outcome.js';
import type { ReasonCode } from '../../outcome/reasons.js';

export interface CodeEntry {
  reason: ReasonCode;
  charged: Charged;
}

/**
 * Every return code of the spec. Billing is not documented: "交易成功" (0000,
 * 0001) is a completed, billed transaction; parameter, merchant and signature
 * errors are refused before any bank is asked; the channel's own failures may
 * have reached the bank, so their charge is unknown.
 */
export const RZ_CODES: Readonly<Record<string, CodeEntry>> = {
  '0000': { reason: 'VERIFIED', charged: true }, // 交易成功，认证成功
  '0001': { reason: 'MISMATCH', charged: true }, // 交易成功，信息不匹配
  '1000': { reason: 'PROVIDER_ERROR', charged: 'unknown' }, // 系统错误
  '1002': { reason: 'SERVICE_NOT_ACTIVATED', charged: false }, // 未订购该产品
  '1003': { reason: 'SIGNATURE_REJECTED', charged: false }, // 签名错误
  '1008': { reason: 'VERIFICATION_REJECTED', charged: 'unknown' }, // 认证失败
  '1009': { reason: 'INVALID_PARAMETER', charged: false }, // 参数错误
  '1010': { reason: 'DUPLICATE_ORDER', charged: false }, // 订单号重复
  '1011': { reason: 'MERCHANT_KEY_INVALID', charged: false }, // 商户密钥不存在
  '1012': { reason: 'DECRYPT_FAILED', charged: false }, // 解密失败
  '1013': { reason: 'INSUFFICIENT_BALANCE', charged: false }, // 余额不足
  '1014': { reason: 'MERCHANT_KEY_INVALID', charged: false }, // 商户密钥配置错误
  '1015': { reason: 'SERVICE_NOT_ACTIVATED', charged: false }, // 商户未关联该产品
  '1016': { reason: 'INVALID_PARAMETER', charged: false }, // 订单号过长
  '1017': { reason: 'MERCHANT_INVALID', charged: false }, // 商户编号参数错误
  '1018': { reason: 'INVALID_PARAMETER', charged: false }, // 交易时间参数错误
  '1019': { reason: 'SIGNATURE_REJECTED', charged: false }, // 签名值错误
  '1020': { reason: 'INVALID_PARAMETER', charged: false }, // 认证类型参数错误
  '1021': { reason: 'CARD_NUMBER_FORMAT', charged: false }, // 银行卡错误
  '1022': { reason: 'ID_NUMBER_INVALID', charged: false }, // 证件号错误
  '1023': { reason: 'NAME_INVALID', charged: false }, // 户名参数错误
  '1024': { reason: 'PHONE_INVALID', charged: false }, // 手机号错误
  '1026': { reason: 'MERCHANT_INVALID', charged: false }, // 商户未启用
  '1028': { reason: 'MERCHANT_INVALID', charged: false }, // 机构(商户)不存在或状态不正确
  '1030': { reason: 'INVALID_PARAMETER', charged: false }, // 信息不全
  '1100': { reason: 'PROVIDER_ERROR', charged: 'unknown' }, // 通道系统异常
  '1101': { reason: 'VERIFICATION_REJECTED', charged: 'unknown' }, // 认证失败
  '1102': { reason: 'RISK_RESTRICTED', charged: false }, // 风险受限
};
