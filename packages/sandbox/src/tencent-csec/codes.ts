import type { Scenario } from '../identities.js';
import type { Verdict } from '../shared/verdict.js';

/** authCode → authMessage, verbatim from the csec document. */
export const AUTH_MESSAGES: Readonly<Record<string, string>> = {
  '00': '认证通过',
  '98': '认证未通过',
  '01': '姓名校验不通过',
  '03': '银行卡号码有误',
  '05': '数据校验不通过',
  '06': '持卡人信息有误',
  '07': '未开通无卡支付',
  '09': '此卡被没收',
  '12': '无效卡号',
  '13': '此卡无对应发卡行',
  '14': '该卡未初始化或睡眠卡',
  '15': '作弊卡、吞卡',
  '16': '此卡已挂失',
  '17': '该卡已过期',
  '18': '受限制的卡',
  '19': '密码错误次数超限',
  '23': '发卡行不支持此交易',
  '10': '请求条件有缺失，请确认是否遗漏',
  '99': '参数错误',
};

/** API 2.0 platform errors: code → [codeDesc, message]. */
export const PLATFORM_ERRORS: Readonly<Record<number, readonly [string, string]>> = {
  4000: ['InvalidParameter', '请求参数非法'],
  4100: ['AuthFailure', '鉴权失败'],
  4300: ['OperationDenied', '拒绝访问'],
  4400: ['LimitExceeded', '超过配额'],
  4500: ['ReplayAttack', '重放攻击'],
  5000: ['ResourceNotFound', '资源不存在'],
  5300: ['InsufficientBalance', '余额不足'],
  6000: ['InternalError', '服务器内部错误'],
  6200: ['ServiceUnavailable', '接口暂时无法访问'],
};

export type CsecAnswer = { authCode: string } | { platformCode: number } | { fault: 'hang' | 'garbage' | 'truncated' };

const SCENARIO_ANSWERS: Readonly<Record<Scenario, CsecAnswer>> = {
  cardholder_info_wrong: { authCode: '06' },
  cardless_disabled: { authCode: '07' },
  confiscated: { authCode: '09' },
  invalid_card: { authCode: '12' },
  no_issuer: { authCode: '13' },
  dormant: { authCode: '14' },
  fraud: { authCode: '15' },
  lost: { authCode: '16' },
  expired: { authCode: '17' },
  restricted: { authCode: '18' },
  pin_locked: { authCode: '19' },
  issuer_unsupported: { authCode: '23' },
  status_abnormal: { authCode: '12' },
  data_check_failed: { authCode: '05' },
  busy: { platformCode: 6200 },
  daily_limit: { platformCode: 4400 },
  rate_limited: { platformCode: 4400 },
  internal_error: { platformCode: 6000 },
  unknown_failure: { platformCode: 6000 },
  hang: { fault: 'hang' },
  garbage: { fault: 'garbage' },
  truncated: { fault: 'truncated' },
};

export function csecAnswer(verdict: Verdict): CsecAnswer {
  switch (verdict.kind) {
    case 'verified':
      return { authCode: '00' };
    case 'mismatch':
      return { authCode: '98' };
    case 'name_invalid':
      return { authCode: '01' };
    case 'card_format':
      return { authCode: '03' };
    case 'id_invalid':
    case 'id_type_unsupported':
    case 'phone_invalid':
      return { authCode: '05' };
    case 'scenario':
      return SCENARIO_ANSWERS[verdict.scenario];
  }
}
