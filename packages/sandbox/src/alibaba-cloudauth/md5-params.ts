import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { CARDHOLDERS, CLOUDAUTH_SUBCODE_CARDS, SCENARIO_CARDS } from '../identities.js';

/**
 * `ParamType=md5`, read back: the simulator cannot undo the hashes, so it hashes what it knows
 * (every sandbox card, name, ID number and mobile) the documented way and looks for the one sent.
 * Written here from Alibaba's description, apart from core's request builder.
 */
const hex = (text: string) => bytesToHex(md5(utf8ToBytes(text)));
const hashedCard = (card: string) => `${card.slice(0, -6)}${hex(card.slice(-6))}`;
const hashedId = (id: string) => `${id.slice(0, 6)}${hex(id.slice(6, 14))}${id.slice(14)}`;
const hashedName = (name: string) => {
  const chars = Array.from(name);
  return `${hex(chars[0] ?? '')}${chars.slice(1).join('')}`;
};

const cards = [
  ...CARDHOLDERS.flatMap((h) => h.cards),
  ...Object.values(SCENARIO_CARDS),
  ...Object.values(CLOUDAUTH_SUBCODE_CARDS),
];
const byHash = <T extends string>(values: readonly T[], hash: (v: T) => string) =>
  new Map(values.map((value) => [hash(value), value]));
const CARDS = byHash(cards, hashedCard);
const NAMES = byHash(
  CARDHOLDERS.map((h) => h.name),
  hashedName,
);
const IDS = byHash(
  CARDHOLDERS.map((h) => h.idNumber),
  hashedId,
);
const MOBILES = byHash(
  CARDHOLDERS.map((h) => h.phone),
  hex,
);

/** The plain value a hashed one stands for, among the sandbox's; undefined: nobody's. */
export const unhashed = {
  card: (value: string) => CARDS.get(value),
  name: (value: string) => NAMES.get(value),
  idNumber: (value: string) => IDS.get(value),
  mobile: (value: string) => MOBILES.get(value),
};

/** The shapes the documented hashing gives (32 lowercase hex digits where hashed). */
export const md5Shapes = {
  card: /^\d{9,13}[0-9a-f]{32}$/,
  idNumber: /^\d{6}[0-9a-f]{32}\d{3}[\dX]$/,
  name: /^[0-9a-f]{32}.*$/u,
  mobile: /^[0-9a-f]{32}$/,
};
