import type { Scenario } from '../identities.js';
import type { Verdict } from '../shared/verdict.js';

export type FaceIdSimAction = 'BankCardVerification' | 'BankCard4EVerification';

/** Result descriptions (zh-CN), per the FaceID documents. */
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

/** Scenario → [3E result, 4E result]: the 4E table shifts by one after -4 (it adds -5, phone). */
const CARD_RESULTS: Readonly<Record<CardScenario, readonly [string, string]>> = {
  cardholder_info_wrong: ['-5', '-6'],
  cardless_disabled: ['-6', '-7'],
  confiscated: ['-7', '-8'],
  invalid_card: ['-8', '-9'],
  no_issuer: ['-9', '-10'],
  dormant: ['-10', '-11'],
  fraud: ['-11', '-12'],
  lost: ['-12', '-13'],
  expired: ['-13', '-14'],
  restricted: ['-14', '-15'],
  pin_locked: ['-15', '-16'],
  issuer_unsupported: ['-16', '-17'],
  status_abnormal: ['-20', '-21'],
};

export function faceIdAnswer(verdict: Verdict, action: FaceIdSimAction): FaceIdAnswer {
  const four = action === 'BankCard4EVerification';
  const pick = (three: string, fourE: string) => ({ result: four ? fourE : three });
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
      return { result: '-4' };
    case 'phone_invalid':
      return { result: '-5' };
    case 'id_type_unsupported':
      return pick('-19', '-20');
    case 'scenario':
      switch (verdict.scenario) {
        case 'busy':
          return pick('-17', '-18');
        case 'daily_limit':
          return pick('-18', '-19');
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
          const [three, fourE] = CARD_RESULTS[verdict.scenario];
          return pick(three, fourE);
        }
      }
  }
}
