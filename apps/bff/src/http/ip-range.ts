/**
 * IP addresses and CIDR ranges, for the providers' notification allowlists. Written here rather
 * than taken from a library: it is two small functions, and the edge bundle has no room for one.
 */

/** An address as bytes: 4 for IPv4, 16 for IPv6 (an IPv4-mapped IPv6 address is its IPv4). */
export function ipBytes(text: string): number[] | undefined {
  const quad = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (quad) {
    const bytes = quad.slice(1).map(Number);
    return bytes.every((b) => b <= 255) ? bytes : undefined;
  }
  // IPv6, perhaps with a trailing dotted quad (::ffff:1.2.3.4) and one `::`.
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  const tail = dotted ? ipBytes(dotted[2] ?? '') : [];
  if (!tail || !text.includes(':')) return undefined;
  const halves = (dotted ? `${dotted[1]}0:0` : text).split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const missing = 8 - groups.flat().length;
  if ((halves.length === 1 && missing !== 0) || (halves.length === 2 && missing < 1)) return undefined;
  const all =
    halves.length === 2 ? [...(groups[0] ?? []), ...Array(missing).fill('0'), ...(groups[1] ?? [])] : groups[0];
  if (!all?.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
  const bytes = all.flatMap((g) => [Number.parseInt(g, 16) >> 8, Number.parseInt(g, 16) & 255]);
  if (dotted) bytes.splice(12, 4, ...tail);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 255 && bytes[11] === 255;
  return mapped ? bytes.slice(12) : bytes;
}

/** `192.0.2.0/24`, `2001:db8::/32` or a single address: a test for addresses, or undefined if it is not one. */
export function ipRange(text: string): ((address: string) => boolean) | undefined {
  const [base = '', bits, extra] = text.split('/');
  const network = ipBytes(base);
  const prefix = bits === undefined ? (network?.length ?? 0) * 8 : /^\d{1,3}$/.test(bits) ? Number(bits) : -1;
  if (!network || extra !== undefined || prefix < 0 || prefix > network.length * 8) return undefined;
  return (address) => {
    const bytes = ipBytes(address);
    if (bytes?.length !== network.length) return false;
    for (let bit = 0; bit < prefix; bit++) {
      const mask = 128 >> (bit % 8);
      if (((bytes[bit >> 3] ?? 0) & mask) !== ((network[bit >> 3] ?? 0) & mask)) return false;
    }
    return true;
  };
}
