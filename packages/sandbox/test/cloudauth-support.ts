import { createHash } from 'node:crypto';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/**
 * A BankMetaVerify request's elements hashed as Alibaba documents `ParamType=md5` (with Node's
 * MD5, apart from both core's builder and the simulator's reader).
 */
export function md5Request<T extends { bankCard: string; userName: string; identifyNum?: string; mobile?: string }>(
  plain: T,
): T {
  const [first = '', ...rest] = Array.from(plain.userName);
  return {
    ...plain,
    bankCard: `${plain.bankCard.slice(0, -6)}${md5(plain.bankCard.slice(-6))}`,
    userName: `${md5(first)}${rest.join('')}`,
    ...(plain.identifyNum
      ? {
          identifyNum: `${plain.identifyNum.slice(0, 6)}${md5(plain.identifyNum.slice(6, 14))}${plain.identifyNum.slice(14)}`,
        }
      : {}),
    ...(plain.mobile ? { mobile: md5(plain.mobile) } : {}),
  };
}
