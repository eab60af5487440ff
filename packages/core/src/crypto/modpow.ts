/**
 * base^exponent mod modulus on BigInt, with a fixed 5-bit window: about a
 * fifth of the multiplications of plain square-and-multiply, and no BigInt
 * shifts of the exponent (its bits are read once, as a string).
 */
const WINDOW = 5;

export function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  if (modulus <= 0n || exponent < 0n) throw new RangeError('modPow needs a positive modulus and exponent ≥ 0');
  if (modulus === 1n) return 0n;
  if (exponent === 0n) return 1n;
  const reduced = ((base % modulus) + modulus) % modulus;
  const table: bigint[] = [1n, reduced];
  for (let i = 2; i < 1 << WINDOW; i++) table.push(((table[i - 1] as bigint) * reduced) % modulus);
  const bits = exponent.toString(2);
  const first = bits.length % WINDOW || WINDOW;
  let result = table[Number.parseInt(bits.slice(0, first), 2)] as bigint;
  for (let i = first; i < bits.length; i += WINDOW) {
    for (let s = 0; s < WINDOW; s++) result = (result * result) % modulus;
    const digit = Number.parseInt(bits.slice(i, i + WINDOW), 2);
    if (digit !== 0) result = (result * (table[digit] as bigint)) % modulus;
  }
  return result;
}
