import type { VerifyRequest } from '../../contract/types.js';
import { toHex } from '../../crypto/encoding.js';
import { md5 } from '../../crypto/md5.js';
import type { BankMetaVerifyParams, CloudauthParamType, CloudauthProductType } from './api-types.js';

const PRODUCTS: Record<VerifyRequest['kind'], CloudauthProductType> = {
  2: 'BANK_CARD_2_META',
  3: 'BANK_CARD_3_META',
  4: 'BANK_CARD_4_META',
};

const md5Hex = (text: string) => toHex(md5(text));

/**
 * `ParamType=md5`: each element partly hashed, as the API documents, so Alibaba sees less of it:
 * the card's last 6 digits, the ID number's 8-digit birth date, the name's first character and
 * the whole mobile number are sent as their lowercase MD5.
 */
export const md5Parts = {
  card: (card: string) => `${card.slice(0, -6)}${md5Hex(card.slice(-6))}`,
  idNumber: (id: string) => `${id.slice(0, 6)}${md5Hex(id.slice(6, 14))}${id.slice(14)}`,
  name: (name: string) => {
    const [first = '', ...rest] = Array.from(name);
    return `${md5Hex(first)}${rest.join('')}`;
  },
  mobile: (mobile: string) => md5Hex(mobile),
};

/** The query parameters for one verification (values as validated: digits, an 18-character ID). */
export function bankMetaVerifyParams(request: VerifyRequest, paramType: CloudauthParamType): BankMetaVerifyParams {
  const hashed = paramType === 'md5';
  const params: BankMetaVerifyParams = {
    ParamType: paramType,
    VerifyMode: 'VERIFY_BANK_CARD',
    ProductType: PRODUCTS[request.kind],
    BankCard: hashed ? md5Parts.card(request.cardNumber) : request.cardNumber,
    UserName: hashed ? md5Parts.name(request.name) : request.name,
  };
  if (request.kind !== 2) {
    params.IdentifyNum = hashed ? md5Parts.idNumber(request.idNumber) : request.idNumber;
    params.IdentityType = '01';
  }
  if (request.kind === 4) params.Mobile = hashed ? md5Parts.mobile(request.phone) : request.phone;
  return params;
}
