export type { FaceIdAction, FaceIdBankCardRequest, FaceIdEncryption, FaceIdResponse } from './api-types.js';
export { FACEID_VERSION } from './api-types.js';
export {
  BANK_CARD_2E_RESULTS,
  BANK_CARD_3E_RESULTS,
  BANK_CARD_4E_RESULTS,
  type ErrorHandling,
  FACEID_ERRORS,
  faceIdError,
  RESULTS_BY_ACTION,
} from './codes.js';
export {
  encryptFields,
  type FaceIdEncryptionAlgorithm,
  type FaceIdEncryptionKey,
  importFaceIdEncryptionKey,
} from './encryption.js';
export { createTencentFaceIdProvider, type TencentFaceIdConfig } from './provider.js';
export { type FaceIdCallHeaders, faceIdActionFor, faceIdBody, faceIdHeaders } from './request.js';
export { FACEID_PROVIDER_ID, type ParsedFaceIdResponse, parseFaceIdResponse } from './response.js';
export { parseSm2PublicKey, type Sm2PublicKey } from './sm2-key.js';
export { sm2Encrypt, sm4GcmEncrypt } from './sm4-gcm.js';
export {
  parseTc3Authorization,
  TC3_ALGORITHM,
  type Tc3Authorization,
  type Tc3Input,
  tc3Authorization,
  tc3CanonicalRequest,
  tc3Date,
  tc3Signature,
  tc3StringToSign,
} from './tc3.js';
