import type { CallContext, IdElementRequest } from '../../contract/types.js';
import { InvalidArgumentError } from '../../errors.js';
import { chinaTime } from '../shared/sorted-fields.js';
import type { RzSignType, RzVerifyRequest } from './api-types.js';
import { rzSign } from './sign.js';

export const RZ_THREE_ELEMENT = 'RZ03';
const ORDER_ID = /^[A-Za-z0-9]{1,32}$/;

export interface RzRequestConfig {
  merchantNo: string;
  key: string;
  signType: RzSignType;
  fourElementVerifyType?: string;
}

/**
 * The signed request. `orderId` is our order number, which must already be
 * unique per merchant and day (the provider refuses repeats with 1010);
 * `orderDate` is today in China.
 */
export async function buildRzRequest(
  request: IdElementRequest,
  config: RzRequestConfig,
  ctx: CallContext,
): Promise<RzVerifyRequest> {
  if (!ORDER_ID.test(request.orderNo)) {
    throw new InvalidArgumentError('rz: orderNo must be 1–32 letters or digits');
  }
  const verifyType = request.kind === 4 ? config.fourElementVerifyType : RZ_THREE_ELEMENT;
  if (!verifyType) throw new InvalidArgumentError('rz: no four-element verifyType is configured');
  const fields: Omit<RzVerifyRequest, 'sign'> = {
    merchantNo: config.merchantNo,
    acctNo: request.cardNumber,
    acctName: request.name,
    certNo: request.idNumber,
    certType: 'ID_CARD',
    orderId: request.orderNo,
    orderDate: chinaTime(ctx.now()).date,
    verifyType,
    signType: config.signType,
  };
  if (request.kind === 4) fields.mobile = request.phone;
  return { ...fields, sign: await rzSign(fields, config.key, config.signType) };
}
