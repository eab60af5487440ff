import type { Scenario } from '../identities.js';
import type { Verdict } from '../shared/verdict.js';

export type FaceIdSimAction = 'BankCard2EVerification' | 'BankCardVerification' | 'BankCard4EVerification';

/** Result descriptions (zh-CN), per the FaceID documents. Name and card only: no ID or phone codes. */
export const DESCRIPTIONS_2E: Readonly<Record<string, string>> = {
  '0': '认证通过',
  '-1': '认证未通过',
  '-2': '姓名校验不通过',
  '-3': '银行卡号格式有误',
  '-4': '持卡人信息有误',
  '-5': '未开通无卡支付',
  '-6': '此卡被没收',
  '-7': '无效卡号',
  '-8': '此卡无对应发卡行',
  '-9': '该卡未初始化或睡眠卡',
  '-10': '作弊卡、吞卡',
  '-11': '此卡已挂失',
  '-12': '该卡已过期',
  '-13': '受限制的卡',
  '-14': '密码错误次数超限',
  '-15': '发卡行不支持此交易',
  '-16': '验证中心服务繁忙',
  '-17': '验证次数超限，请次日重试',
  '-18': '卡状态异常或卡号错误',
};

export const DESCRIPTIONS_3E: Readonly<Record<string, string>> = {
  '0': '认证通过',
  '-1': '认证未通过',
  '-2': '姓名校验不通过',
  '-3': '身份证号码有误',
  '-4': '银行卡号码有误',
  '-5': '持卡人信息有误',
  '-6': '未开通无卡支付',
  '-7': '此卡被没收',
  '-8': '无效卡号',
  '-9': '此卡无对应发卡行',
  '-10': '该卡未初始化或睡眠卡',
  '-11': '作弊卡、吞卡',
  '-12': '此卡已挂失',
  '-13': '该卡已过期',
  '-14': '受限制的卡',
  '-15': '密码错误次数超限',
  '-16': '发卡行不支持此交易',
  '-17': '验证中心服务繁忙',
  '-18': '验证次数超限，请次日重试',
  '-19': '证件号码不支持核验，当前仅支持二代身份证',
  '-20': '卡状态异常或卡号错误',
};

export const DESCRIPTIONS_4E: Readonly<Record<string, string>> = {
  '0': '认证通过',
  '-1': '认证未通过',
  '-2': '姓名校验不通过',
  '-3': '身份证号码有误',
  '-4': '银行卡号码有误',
  '-5': '手机号码不合规',
  '-6': '持卡人信息有误',
  '-7': '未开通无卡支付',
  '-8': '此卡被没收',
  '-9': '无效卡号',
  '-10': '此卡无对应发卡行',
  '-11': '该卡未初始化或睡眠卡',
  '-12': '作弊卡、吞卡',
  '-13': '此卡已挂失',
  '-14': '该卡已过期',
  '-15': '受限制的卡',
  '-16': '密码错误次数超限',
  '-17': '发卡行不支持此交易',
  '-18': '验证中心服务繁忙',
  '-19': '验证次数超限，请次日重试',
  '-20': '证件号码不支持核验，当前仅支持二代身份证',
  '-21': '卡状态异常或卡号错误',
};

export type FaceIdAnswer =
  | { result: string }
  | { error: string; message: string }
  | { fault: 'hang' | 'garbage' | 'truncated' };

type CardScenario = Exclude<
  Scenario,
  | 'busy'
  | 'daily_limit'
  | 'rate_limited'
  | 'internal_error'
  | 'unknown_failure'
  | 'hang'
  | 'garbage'
  | 'truncated'
  | 'data_check_failed'
>;

/**
 * Scenario → [2E, 3E, 4E result]: each action numbers the same card states in the same order after
 * its own format codes (2E has no ID code, 4E adds the phone's), so the columns are shifted by one;
 * "card status abnormal" comes last in each.
 */
const CARD_RESULTS: Readonly<Record<CardScenario, readonly [string, string, string]>> = {
  cardholder_info_wrong: ['-4', '-5', '-6'],
  cardless_disabled: ['-5', '-6', '-7'],
  confiscated: ['-6', '-7', '-8'],
  invalid_card: ['-7', '-8', '-9'],
  no_issuer: ['-8', '-9', '-10'],
  dormant: ['-9', '-10', '-11'],
  fraud: ['-10', '-11', '-12'],
  lost: ['-11', '-12', '-13'],
  expired: ['-12', '-13', '-14'],
  restricted: ['-13', '-14', '-15'],
  pin_locked: ['-14', '-15', '-16'],
  issuer_unsupported: ['-15', '-16', '-17'],
  status_abnormal: ['-18', '-20', '-21'],
};

export function faceIdAnswer(verdict: Verdict, action: FaceIdSimAction): FaceIdAnswer {
  const column = action === 'BankCard2EVerification' ? 0 : action === 'BankCardVerification' ? 1 : 2;
  const pick = (...results: readonly [string, string, string]) => ({ result: results[column] });
  switch (verdict.kind) {
    case 'verified':
      return { result: '0' };
    case 'mismatch':
      return { result: '-1' };
    case 'name_invalid':
      return { result: '-2' };
    case 'id_invalid':
      return { result: '-3' };
    case 'card_format':
      return pick('-3', '-4', '-4');
    case 'phone_invalid':
      return { result: '-5' };
    case 'id_type_unsupported':
      // Not reached on 2E, which takes no ID.
      return pick('-1', '-19', '-20');
    case 'scenario':
      switch (verdict.scenario) {
        case 'busy':
          return pick('-16', '-17', '-18');
        case 'daily_limit':
          return pick('-17', '-18', '-19');
        case 'data_check_failed':
          return { result: '-1' };
        case 'rate_limited':
          return { error: 'RequestLimitExceeded', message: '请求的次数超过了频率限制。' };
        case 'internal_error':
          return { error: 'InternalError', message: '内部错误。' };
        case 'unknown_failure':
          return { error: 'FailedOperation.UnKnown', message: '内部未知错误。' };
        case 'hang':
        case 'garbage':
        case 'truncated':
          return { fault: verdict.scenario };
        default: {
          return pick(...CARD_RESULTS[verdict.scenario]);
        }
      }
  }
}

/** Each action's result descriptions. */
export const DESCRIPTIONS: Readonly<Record<FaceIdSimAction, Readonly<Record<string, string>>>> = {
  BankCard2EVerification: DESCRIPTIONS_2E,
  BankCardVerification: DESCRIPTIONS_3E,
  BankCard4EVerification: DESCRIPTIONS_4E,
};
