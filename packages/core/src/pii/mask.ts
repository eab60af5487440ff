import { type Masked, notPii } from './masked.js';

function stars(count: number): string {
  return '*'.repeat(Math.max(0, count));
}

/** Card → BIN (6) + last 4: `622202******1234`. Too short to be a card: all hidden. */
export function maskCard(cardNumber: string): Masked {
  const digits = cardNumber.replace(/[\s-]/g, '');
  if (digits.length < 12) return notPii(stars(digits.length));
  return notPii(digits.slice(0, 6) + stars(digits.length - 10) + digits.slice(-4));
}

/** ID number → first 3 + last 4: `110***********002X`. */
export function maskIdNumber(idNumber: string): Masked {
  const id = idNumber.replace(/\s/g, '');
  if (id.length < 10) return notPii(stars(id.length));
  return notPii(id.slice(0, 3) + stars(id.length - 7) + id.slice(-4));
}

/** Mobile → `138****5678`. */
export function maskPhone(phone: string): Masked {
  const p = phone.replace(/[\s-]/g, '');
  if (p.length < 8) return notPii(stars(p.length));
  return notPii(p.slice(0, 3) + stars(p.length - 7) + p.slice(-4));
}

/** Name → first character + `*` (`张*`), whatever its length, so the length is not revealed either. */
export function maskName(name: string): Masked {
  const first = [...name.trim()][0];
  return notPii(first === undefined ? '' : `${first}*`);
}
