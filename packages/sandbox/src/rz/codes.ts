import type { Scenario } from '../identities.js';
import type { Verdict } from '../shared/verdict.js';

/** Return code → description, verbatim from the spec. */
export const RZ_DESCRIPTIONS: Readonly<Record<string, string>> = {
  '0000': '交易成功，认证成功',
  '0001': '交易成功，信息不匹配',
  '1000': '系统错误',
  '1002': '未订购该产品',
  '1003': '签名错误',
  '1008': '认证失败',
  '1009': '参数错误',
  '1010': '订单号重复',
  '1011': '商户密钥不存在',
  '1012': '解密失败',
  '1013': '余额不足',
  '1014': '商户密钥配置错误',
  '1015': '商户未关联该产品',
  '1016': '订单号过长',
  '1017': '商户编号参数错误',
  '1018': '交易时间参数错误',
  '1019': '签名值错误',
  '1020': '认证类型参数错误',
  '1021': '银行卡错误',
  '1022': '证件号错误',
  '1023': '户名参数错误',
  '1024': '手机号错误',
  '1026': '商户未启用',
  '1028': '机构(商户)不存在或状态不正确',
  '1030': '信息不全',
  '1100': '通道系统异常',
  '1101': '认证失败',
  '1102': '风险受限',
};

export type RzAnswer =
  | { code: string; status?: 'SUCCESS' | 'FAIL' | 'UNKNOWN' }
  | { fault: 'hang' | 'garbage' | 'truncated' };

const SCENARIOS: Readonly<Record<Scenario, RzAnswer>> = {
  cardholder_info_wrong: { code: '0001', status: 'FAIL' },
  cardless_disabled: { code: '1008', status: 'FAIL' },
  confiscated: { code: '1008', status: 'FAIL' },
  invalid_card: { code: '1008', status: 'FAIL' },
  no_issuer: { code: '1008', status: 'FAIL' },
  dormant: { code: '1008', status: 'FAIL' },
  lost: { code: '1008', status: 'FAIL' },
  expired: { code: '1008', status: 'FAIL' },
  pin_locked: { code: '1008', status: 'FAIL' },
  issuer_unsupported: { code: '1008', status: 'FAIL' },
  fraud: { code: '1102' },
  restricted: { code: '1102' },
  status_abnormal: { code: '1101', status: 'FAIL' },
  data_check_failed: { code: '1012' },
  busy: { code: '1100' },
  daily_limit: { code: '1100' },
  rate_limited: { code: '1100' },
  internal_error: { code: '1000' },
  // A result the channel could not learn: never a verification.
  unknown_failure: { code: '0000', status: 'UNKNOWN' },
  hang: { fault: 'hang' },
  garbage: { fault: 'garbage' },
  truncated: { fault: 'truncated' },
};

export function rzAnswer(verdict: Verdict): RzAnswer {
  switch (verdict.kind) {
    case 'verified':
      return { code: '0000', status: 'SUCCESS' };
    case 'mismatch':
      return { code: '0001', status: 'FAIL' };
    case 'name_invalid':
      return { code: '1023' };
    case 'id_invalid':
    case 'id_type_unsupported':
      return { code: '1022' };
    case 'card_format':
      return { code: '1021' };
    case 'phone_invalid':
      return { code: '1024' };
    case 'scenario':
      return SCENARIOS[verdict.scenario];
  }
}
