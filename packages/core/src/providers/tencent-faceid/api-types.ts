/** Wire types of Tencent Cloud FaceID (API 3.0, Version 2018-03-01). */

export const FACEID_VERSION = '2018-03-01';

export type FaceIdAction = 'BankCard2EVerification' | 'BankCardVerification' | 'BankCard4EVerification';

/** Sensitive-field encryption (`Encryption` request parameter). */
export interface FaceIdEncryption {
  EncryptList: string[];
  CiphertextBlob: string;
  Iv: string;
  Algorithm?: 'AES-256-CBC' | 'SM4-GCM';
  TagList?: string[];
}

/** The body of all three actions: `IdCard` on 3 and 4 elements only, `Phone` on 4 only. */
export interface FaceIdBankCardRequest {
  /** Not on BankCard2EVerification. */
  IdCard?: string;
  Name: string;
  BankCard: string;
  /** BankCard4EVerification only. */
  Phone?: string;
  /** 0: resident ID card, the only type supported. */
  CertType?: number;
  Encryption?: FaceIdEncryption;
}

/** Fields that `Encryption` may cover. */
export type EncryptableField = 'Name' | 'IdCard' | 'BankCard' | 'Phone';

export type FaceIdResponse =
  | { Response: { Result: string; Description: string; RequestId: string } }
  | { Response: { Error: { Code: string; Message: string }; RequestId: string } };
