/** Wire types of the RZ three-element verification API (spec: rz-three-element-auth.md). */

export type RzSignType = 'MD5' | 'HMAC-SHA256';
export type RzStatus = 'SUCCESS' | 'FAIL' | 'UNKNOWN';

export interface RzVerifyRequest {
  merchantNo: string;
  acctNo: string;
  acctName: string;
  certNo: string;
  certType: 'ID_CARD';
  /** ≤ 32 characters; unique per merchant and day with `orderDate`. */
  orderId: string;
  /** yyyyMMdd. */
  orderDate: string;
  /** `RZ03` for three elements; the configured type for four. */
  verifyType: string;
  /** Four elements only. */
  mobile?: string;
  /** Our decision: names the sign algorithm, and is itself signed. */
  signType: RzSignType;
  sign: string;
}

export interface RzVerifyResponse {
  code: string;
  desc?: string;
  data?: { transId: string; transDate: string; status: RzStatus };
  sign: string;
}
