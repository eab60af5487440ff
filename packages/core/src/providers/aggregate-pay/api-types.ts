/** Wire types of the aggregated-pay one-click bind card API (spec: aggregate-pay-bindcard-create.md). */
import type { BindCertType, BindUserType } from '../../contract/types.js';

export const CREATE_PATH = '/api/vborder/shortcut/bindCard/create';
/** Our decision (the spec names no query path): the same family, `query`. */
export const QUERY_PATH = '/api/vborder/shortcut/bindCard/query';

export type AggSignType = 'MD5' | 'SHA256withRSA';

/** What travels on the wire: the merchant number and the RSA-encrypted plaintext, base64. */
export interface Envelope {
  customerNo: string;
  reqmsg: string;
}

/** The HTTP body of every answer: `data` is the JSON text of an `Envelope`. */
export interface Wrapper {
  code: string;
  success: boolean;
  data: string | null;
  msg: string;
}

export interface BindCardCreatePlain {
  customerNo: string;
  orderNo: string;
  userType: BindUserType;
  identifyId: string;
  bankCardType: 'CREDIT' | 'DEBIT';
  bankCode: string;
  bankCardName: string;
  certType: BindCertType;
  certNo: string;
  mobile: string;
  expiredTime?: string;
  bindNotifyUrl: string;
  pageReturnUrl: string;
}

export interface BindCardCreateResultPlain {
  customerNo: string;
  orderNo: string;
  errCode: string;
  errMessage: string;
  submitUrl?: string;
  submitMethod?: string;
  encoding?: string;
  /** JSON text of `{name: value}`. */
  submitParams?: string;
  sign: string;
}

/** Asynchronous result and query answer: `status` is SUCCESS, FAIL or PROCESSING (our decision). */
export interface BindStatusPlain {
  customerNo: string;
  orderNo: string;
  bindId?: string;
  /** The bound card, masked by the provider as `622202******1008` (our decision: the spec is silent). */
  bankCardNo?: string;
  status: 'SUCCESS' | 'FAIL' | 'PROCESSING';
  errCode: string;
  errMessage: string;
  sign: string;
}
