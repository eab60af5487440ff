import type { Charged } from '../../outcome/outcome.js';
import type { ReasonCode } from '../../outcome/reasons.js';

export interface CodeEntry {
  reason: ReasonCode;
  charged: Charged;
}

/**
 * `bspFivBody.authCode` of BspBankCard3Auth and BspBankCardAuth4. The csec
 * document does not say which codes are billed; we follow the FaceID tables
 * for the same bank answers (format checks before the bank are free, the
 * bank's verdicts are billed) — see the provider's README.
 */
export const CSEC_AUTH_CODES: Readonly<Record<string, CodeEntry>> = {
  '00': { reason: 'VERIFIED', charged: true }, // 认证通过
  '98': { reason: 'MISMATCH', charged: true }, // 认证未通过
  '01': { reason: 'NAME_INVALID', charged: false }, // 姓名校验不通过
  '03': { reason: 'CARD_NUMBER_FORMAT', charged: false }, // 银行卡号码有误
  '05': { reason: 'INVALID_PARAMETER', charged: false }, // 数据校验不通过
  '06': { reason: 'CARDHOLDER_INFO_MISMATCH', charged: true }, // 持卡人信息有误
  '07': { reason: 'CARD_CARDLESS_DISABLED', charged: true }, // 未开通无卡支付
  '09': { reason: 'CARD_CONFISCATED', charged: true }, // 此卡被没收
  '12': { reason: 'CARD_NUMBER_INVALID', charged: true }, // 无效卡号
  '13': { reason: 'CARD_NO_ISSUER', charged: true }, // 此卡无对应发卡行
  '14': { reason: 'CARD_DORMANT', charged: true }, // 该卡未初始化或睡眠卡
  '15': { reason: 'CARD_FRAUD', charged: true }, // 作弊卡、吞卡
  '16': { reason: 'CARD_LOST', charged: true }, // 此卡已挂失
  '17': { reason: 'CARD_EXPIRED', charged: true }, // 该卡已过期
  '18': { reason: 'CARD_RESTRICTED', charged: true }, // 受限制的卡
  '19': { reason: 'CARD_PIN_LOCKED', charged: true }, // 密码错误次数超限
  '23': { reason: 'ISSUER_UNSUPPORTED', charged: true }, // 发卡行不支持此交易
  '10': { reason: 'INVALID_PARAMETER', charged: false }, // 请求条件有缺失，请确认是否遗漏
  '99': { reason: 'INVALID_PARAMETER', charged: false }, // 参数错误
};

/**
 * API 2.0 platform `code`s (non-zero `code`, no `bspFivBody`). 4100 and 4500
 * are from the signing document; the rest are Tencent's published API 2.0
 * common error codes. No platform error is billed, except that an internal
 * error may have reached the bank.
 */
export const CSEC_PLATFORM_CODES: Readonly<Record<number, CodeEntry>> = {
  4000: { reason: 'INVALID_PARAMETER', charged: false }, // 请求参数非法
  4100: { reason: 'SIGNATURE_REJECTED', charged: false }, // 鉴权失败 (signature)
  4200: { reason: 'SIGNATURE_EXPIRED', charged: false }, // 请求过期
  4300: { reason: 'MERCHANT_INVALID', charged: false }, // 拒绝访问 (account)
  4400: { reason: 'RATE_LIMITED', charged: false }, // 超过配额
  4500: { reason: 'REQUEST_REPLAYED', charged: false }, // 重放攻击 (nonce reused, timestamp off)
  4600: { reason: 'INVALID_PARAMETER', charged: false }, // 协议不支持
  5000: { reason: 'SERVICE_NOT_ACTIVATED', charged: false }, // 资源不存在
  5300: { reason: 'INSUFFICIENT_BALANCE', charged: false }, // 余额不足
  6000: { reason: 'PROVIDER_ERROR', charged: 'unknown' }, // 服务器内部错误
  6200: { reason: 'PROVIDER_BUSY', charged: false }, // 接口暂时无法访问
};
