import { importRsaPublicKey } from '@cardbind/core/crypto';
import { createAggSigner, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { AGG_CUSTOMERS, SANDBOX_MERCHANT_RSA_PUBLIC_KEY } from '@cardbind/sandbox';

/**
 * An aggregate-pay notification that passes every check before the signature: well formed,
 * encrypted with the merchant's published sandbox key, for an order nobody has, signed with a
 * wrong key (what a flood sends: the BFF must decrypt it to refuse it).
 */
export async function forgedNotification(extra: Record<string, string> = {}) {
  const plain = { customerNo: AGG_CUSTOMERS.md5.customerNo, orderNo: 'BCnosuchorder00000', status: 'SUCCESS' };
  const pub = await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
  const body = { ...plain, ...extra };
  const sign = await createAggSigner({ type: 'MD5', md5Key: 'not-the-key' }).sign(body);
  return sealEnvelope({ ...body, sign }, plain.customerNo, pub);
}
