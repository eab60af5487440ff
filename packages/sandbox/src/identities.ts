/**
 * Sandbox test identities: the one table the simulators, the tests, the
 * README and the demo share. Every card number has a real BIN and passes
 * Luhn; every ID number is valid. None belongs to a real person.
 */

export interface Cardholder {
  name: string;
  idNumber: string;
  phone: string;
  /** Cards issued to this person: verification passes only with these. */
  cards: readonly string[];
}

const ZHANG_SAN = {
  name: '张三',
  idNumber: '11010519491231002X',
  phone: '13800138000',
  cards: ['6222020000000001008'],
};

export const CARDHOLDERS: readonly Cardholder[] = [
  ZHANG_SAN,
  {
    name: '李四',
    idNumber: '440308199901101512',
    phone: '13912345678',
    cards: ['6227000000000002009', '4392250000000033'],
  },
  { name: '阿沛·阿旺晋美', idNumber: '540102199001010011', phone: '15011112222', cards: ['6212820000000004005'] },
  { name: '王芳', idNumber: '310115198512150029', phone: '18600001111', cards: [] },
];

/** 张三 with his card, as one request sends them: every element matches, so a scenario is the card's alone. */
export const SANDBOX_HOLDER: Readonly<{ name: string; idNumber: string; cardNumber: string; phone: string }> = {
  name: ZHANG_SAN.name,
  idNumber: ZHANG_SAN.idNumber,
  cardNumber: `${ZHANG_SAN.cards[0]}`,
  phone: ZHANG_SAN.phone,
};

/**
 * Provider-neutral situations; each simulator answers a scenario card with
 * its own code for it, whoever the cardholder.
 */
export const SCENARIO_CARDS = {
  cardholder_info_wrong: '6217009010000000004',
  cardless_disabled: '6217009020000000003',
  confiscated: '6217009030000000002',
  invalid_card: '6217009040000000001',
  no_issuer: '6217009050000000000',
  dormant: '6217009060000000009',
  fraud: '6217009070000000008',
  lost: '6217009080000000007',
  expired: '6217009090000000006',
  restricted: '6217009100000000003',
  pin_locked: '6217009110000000002',
  issuer_unsupported: '6217009120000000001',
  status_abnormal: '6217009130000000000',
  data_check_failed: '6217009140000000009',
  busy: '6217009150000000008',
  daily_limit: '6217009160000000007',
  rate_limited: '6217009170000000006',
  internal_error: '6217009180000000005',
  unknown_failure: '6217009190000000004',
  hang: '6217009200000000001',
  garbage: '6217009210000000000',
  truncated: '6217009220000000009',
} as const satisfies Record<string, string>;

export type Scenario = keyof typeof SCENARIO_CARDS;

/** What each scenario stands for, for the README table and the demo. */
export const SCENARIO_DESCRIPTIONS: Readonly<Record<Scenario, string>> = {
  cardholder_info_wrong: 'cardholder information wrong (持卡人信息有误)',
  cardless_disabled: 'card-not-present payment not enabled',
  confiscated: 'card confiscated',
  invalid_card: 'invalid card number',
  no_issuer: 'no issuing bank for the card',
  dormant: 'card not activated / dormant',
  fraud: 'fraudulent / retained card',
  lost: 'card reported lost',
  expired: 'card expired',
  restricted: 'restricted card',
  pin_locked: 'too many wrong PIN attempts',
  issuer_unsupported: 'issuer does not support the transaction',
  status_abnormal: 'card status abnormal (FaceID -20 / -21)',
  data_check_failed: 'data check failed (csec 05; RZ 1012)',
  busy: 'verification centre busy',
  daily_limit: 'daily attempts exceeded',
  rate_limited: 'provider rate limit (RequestLimitExceeded / 4400)',
  internal_error: 'provider internal error (InternalError / 6000)',
  unknown_failure: 'FaceID FailedOperation.UnKnown; RZ 0000 with data.status UNKNOWN',
  hang: 'the simulator never answers (timeouts)',
  garbage: 'an HTML 502 page instead of JSON',
  truncated: 'a truncated JSON body',
};

const scenarioByCard = new Map<string, Scenario>(
  Object.entries(SCENARIO_CARDS).map(([s, card]) => [card, s as Scenario]),
);

export function scenarioOf(cardNumber: string): Scenario | undefined {
  return scenarioByCard.get(cardNumber);
}

export function cardholderOf(cardNumber: string): Cardholder | undefined {
  return CARDHOLDERS.find((holder) => holder.cards.includes(cardNumber));
}

/** Sandbox credentials. Account-state SecretIds make the simulators answer with that account problem. */
export const SANDBOX_CREDENTIALS = {
  tencentCsec: { secretId: 'AKIDsandboxCsec00000000000000000001', secretKey: 'sandboxCsecSecretKey0000000000001' },
  tencentFaceid: { secretId: 'AKIDsandboxFaceid000000000000000001', secretKey: 'sandboxFaceidSecretKey00000000001' },
  /** An AccessKey pair (`accessKeyId` / `accessKeySecret` in the provider's configuration). */
  alibabaCloudauth: { secretId: 'LTAIsandboxCloudauth0000001', secretKey: 'sandboxCloudauthSecret000000001' },
} as const;

/**
 * Cards for the Alibaba `SubCode`s no shared scenario stands for (the other simulators know them
 * as nobody's cards: a mismatch).
 */
export const CLOUDAUTH_SUBCODE_CARDS = {
  '214': '6217009230000000008', // no reserved mobile number
  '215': '6217009240000000007', // PIN, expiry or CVN2 wrong
  '216': '6217009250000000006', // other card anomaly
  '301': '6217009260000000005', // card does not support the service
  '303': '6217009270000000004', // card does not support mobile verification
  '304': '6217009280000000003', // card number wrong
} as const;

export type AccountState = 'active' | 'arrears' | 'charge_exception' | 'non_authorize' | 'nonactivated' | 'frozen';

/**
 * SecretIds whose accounts are in trouble (all share the active account's
 * SecretKey): FaceID answers UnauthorizedOperation.*, csec answers 4300 /
 * 5000 / 5300.
 */
export const ACCOUNT_STATE_SECRET_IDS: Readonly<Record<Exclude<AccountState, 'active'>, string>> = {
  arrears: 'AKIDsandboxArrears0000000000000000001',
  charge_exception: 'AKIDsandboxChargeException0000000001',
  non_authorize: 'AKIDsandboxNonAuthorize00000000000001',
  nonactivated: 'AKIDsandboxNonactivated00000000000001',
  frozen: 'AKIDsandboxFrozen00000000000000000001',
};

export function accountState(secretId: string): AccountState | undefined {
  for (const [state, id] of Object.entries(ACCOUNT_STATE_SECRET_IDS)) if (id === secretId) return state as AccountState;
  return undefined;
}

/** SecretId → SecretKey as a simulator knows them: the sandbox account plus the account-state ids. */
export function credentialTable(provider: keyof typeof SANDBOX_CREDENTIALS): Record<string, string> {
  const { secretId, secretKey } = SANDBOX_CREDENTIALS[provider];
  const table: Record<string, string> = { [secretId]: secretKey };
  for (const id of Object.values(ACCOUNT_STATE_SECRET_IDS)) table[id] = secretKey;
  return table;
}

/** RZ merchants: the active one, and one per merchant-side return code. Keys are for MD5 and HMAC-SHA256 alike. */
export const RZ_MERCHANTS = {
  active: { merchantNo: 'M100001', key: 'sandboxRzKey00000000000000000001' },
  /** 1002 未订购该产品 */
  notSubscribed: { merchantNo: 'M100002', key: 'sandboxRzKey00000000000000000002' },
  /** 1013 余额不足 */
  noBalance: { merchantNo: 'M100003', key: 'sandboxRzKey00000000000000000003' },
  /** 1014 商户密钥配置错误 */
  keyMisconfigured: { merchantNo: 'M100004', key: 'sandboxRzKey00000000000000000004' },
  /** 1015 商户未关联该产品 */
  productNotLinked: { merchantNo: 'M100005', key: 'sandboxRzKey00000000000000000005' },
  /** 1026 商户未启用 */
  disabled: { merchantNo: 'M100006', key: 'sandboxRzKey00000000000000000006' },
  /** 1011 商户密钥不存在 (no key on file: any sign is refused) */
  noKey: { merchantNo: 'M100007', key: 'sandboxRzKey00000000000000000007' },
} as const;

/** The four-element `verifyType` the RZ simulator accepts (with `mobile`). */
export const RZ_FOUR_ELEMENT_TYPE = 'RZ04';

/** Aggregated-pay merchants (`customerNo`); the first is the spec example's. */
export const AGG_CUSTOMERS = {
  md5: { customerNo: '202112090603', signType: 'MD5', md5Key: 'sandboxAggMd5Key000000000000001' },
  rsa: { customerNo: '202112090604', signType: 'SHA256withRSA', md5Key: '' },
  /** errCode 2001 商户信息异常 */
  frozen: { customerNo: '202112090699', signType: 'MD5', md5Key: 'sandboxAggMd5Key000000000000099' },
} as const;

/**
 * Bind-card `identifyId`s that make the create call fail with that errCode;
 * and the one that turns on duplicate and out-of-order notifications.
 */
export const AGG_IDENTIFY_TRIGGERS = {
  '9999': 'SANDBOX_ERR_9999',
  '1001': 'SANDBOX_ERR_1001',
  '2002': 'SANDBOX_ERR_2002',
  chaos: 'SANDBOX_NOTIFY_CHAOS',
} as const;
