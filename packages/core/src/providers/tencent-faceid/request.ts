import type { VerifyRequest } from '../../provider/types.js';
import type { EncryptableField, FaceIdAction, FaceIdBankCardRequest } from './api-types.js';

export function faceIdActionFor(request: VerifyRequest): FaceIdAction {
  return request.kind === 4 ? 'BankCard4EVerification' : 'BankCardVerification';
}

/** The action's JSON body; `Phone` only for 4 elements. */
export function faceIdBody(request: VerifyRequest): FaceIdBankCardRequest {
  const body: FaceIdBankCardRequest = { IdCard: request.idNumber, Name: request.name, BankCard: request.cardNumber };
  if (request.kind === 4 && request.phone !== undefined) body.Phone = request.phone;
  return body;
}

/** The fields `Encryption` may cover. */
export function encryptableFields(body: FaceIdBankCardRequest): EncryptableField[] {
  return body.Phone === undefined ? ['Name', 'IdCard', 'BankCard'] : ['Name', 'IdCard', 'BankCard', 'Phone'];
}
