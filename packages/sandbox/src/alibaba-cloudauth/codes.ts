import type { Scenario } from '../identities.js';
import type { Verdict } from '../shared/verdict.js';

/** What the simulator answers: a result (Code 200), a business Code, a gateway error, or a fault. */
export type CloudauthAnswer =
  | { sub: string }
  | { business: string }
  | { gateway: string; status: number }
  | { fault: 'hang' | 'garbage' | 'truncated' };

/** SubCode → BizCode: 1 consistent, 2 inconsistent, 3 no record. */
export const bizCodeOf = (sub: string) => sub.slice(0, 1);

export const BUSINESS_MESSAGES: Readonly<Record<string, string>> = {
  '200': 'success',
  '400': '参数不能为空',
  '401': '参数非法',
  '402': '权威数据源错误',
  '403': '调用异常重复',
  '410': '服务未开通',
  '411': 'RAM无权限',
  '412': '欠费',
  '500': '系统错误',
};

const SCENARIOS: Readonly<Record<Scenario, CloudauthAnswer>> = {
  cardholder_info_wrong: { sub: '201' },
  cardless_disabled: { sub: '202' },
  expired: { sub: '203' },
  restricted: { sub: '204' },
  confiscated: { sub: '205' },
  invalid_card: { sub: '206' },
  no_issuer: { sub: '207' },
  dormant: { sub: '208' },
  fraud: { sub: '209' },
  lost: { sub: '210' },
  pin_locked: { sub: '211' },
  issuer_unsupported: { sub: '212' },
  status_abnormal: { sub: '213' },
  data_check_failed: { sub: '302' },
  unknown_failure: { sub: '305' },
  busy: { business: '402' },
  daily_limit: { business: '403' },
  rate_limited: { gateway: 'Throttling.User', status: 400 },
  internal_error: { business: '500' },
  hang: { fault: 'hang' },
  garbage: { fault: 'garbage' },
  truncated: { fault: 'truncated' },
};

export function cloudauthAnswer(verdict: Verdict): CloudauthAnswer {
  switch (verdict.kind) {
    case 'verified':
      return { sub: '101' };
    case 'mismatch':
      return { sub: '201' };
    case 'card_format':
      return { sub: '304' };
    case 'name_invalid':
    case 'id_invalid':
    case 'id_type_unsupported':
    case 'phone_invalid':
      return { business: '401' };
    case 'scenario':
      return SCENARIOS[verdict.scenario];
  }
}
