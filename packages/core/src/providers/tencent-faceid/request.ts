import type { VerifyRequest } from '../../contract/types.js';
import type { EncryptableField, FaceIdAction, FaceIdBankCardRequest } from './api-types.js';

const ACTIONS: Readonly<Record<VerifyRequest['kind'], FaceIdAction>> = {
  2: 'BankCard2EVerification',
  3: 'BankCardVerification',
  4: 'BankCard4EVerification',
};

export function faceIdActionFor(request: VerifyRequest): FaceIdAction {
  return ACTIONS[request.kind];
}

/** The action's JSON body: `IdCard` from 3 elements up, `Phone` only for 4. */
export function faceIdBody(request: VerifyRequest): FaceIdBankCardRequest {
  if (request.kind === 2) return { Name: request.name, BankCard: request.cardNumber };
  const body: FaceIdBankCardRequest = { IdCard: request.idNumber, Name: request.name, BankCard: request.cardNumber };
  if (request.kind === 4) body.Phone = request.phone;
  return body;
}

const ENCRYPTABLE: readonly EncryptableField[] = ['Name', 'IdCard', 'BankCard', 'Phone'];

/** The fields `Encryption` may cover: those the body carries. */
export function encryptableFields(body: FaceIdBankCardRequest): EncryptableField[] {
  return ENCRYPTABLE.filter((field) => body[field] !== undefined);
}
