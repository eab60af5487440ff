/** Wire types of the legacy csec API (`csec.api.qcloud.com`, API 2.0). */

export type CsecAction = 'BspBankCard3Auth' | 'BspBankCardAuth4';

/** The action's own parameters; common ones (Action, Nonce, …) are added when signing. */
export interface CsecBankCardParams {
  orderNo: string;
  name: string;
  idNumber: string;
  bankCardNumber: string;
  /** BspBankCardAuth4 only. */
  phoneNumber?: string;
}

/** `{code, codeDesc, message, bspFivBody: {authCode, authMessage}}`; platform errors omit `bspFivBody`. */
export interface CsecResponse {
  code: number;
  codeDesc?: string;
  message?: string;
  bspFivBody?: { authCode: string; authMessage?: string };
}
