/** Wire types of Alibaba Cloud ID Verification's `BankMetaVerify` (cloudauth, 2019-03-07, RPC style). */

export const CLOUDAUTH_ACTION = 'BankMetaVerify';
export const CLOUDAUTH_VERSION = '2019-03-07';

export type CloudauthProductType = 'BANK_CARD_2_META' | 'BANK_CARD_3_META' | 'BANK_CARD_4_META';
/** `normal`: values as they are; `md5`: parts of each hashed, so the provider sees less. */
export type CloudauthParamType = 'normal' | 'md5';
/** `v3`: ACS3-HMAC-SHA256 in headers (the official SDK's default); `v1`: HMAC-SHA1 in the query. */
export type CloudauthSigning = 'v3' | 'v1';

/** The business parameters, sent in the query string as the official SDK sends them. */
export interface BankMetaVerifyParams {
  ParamType: CloudauthParamType;
  VerifyMode: 'VERIFY_BANK_CARD';
  ProductType: CloudauthProductType;
  BankCard: string;
  UserName: string;
  IdentifyNum?: string;
  /** `01`: resident ID. */
  IdentityType?: '01';
  Mobile?: string;
}

/** HTTP 200: `Code` "200" with a result, or another business `Code` (400, 401, 402, …). */
export interface BankMetaVerifyAnswer {
  RequestId: string;
  Code: string;
  Message?: string;
  ResultObject?: { BizCode: string; SubCode?: string };
}

/** The gateway's common error shape (signature, throttling, parameters): HTTP 4xx or 5xx. */
export interface CloudauthGatewayError {
  RequestId?: string;
  HostId?: string;
  Code: string;
  Message?: string;
  Recommend?: string;
}
