/**
 * What a LevelStore directory holds (format 2): its key spaces and how values are written in
 * them. These are on disk: a change here is a format upgrade (upgrade.ts).
 */

/** A value, behind its expiry time. */
export const VALUE = 'v\x00';
/** The expiry index: the keys that expire in a second, by that second. */
export const EXPIRY = 'x\x00';
/** Queue entries, ordered by due time. */
export const QUEUE = 'q\x00';
/** Each queued member's current due time (what moving or removing it needs). */
export const MEMBER = 'm\x00';
/** The directory's format. */
export const FORMAT = 'f\x00';
/**
 * 2: a value is stored behind its expiry time, and indexed by it: an index entry names the keys one
 * batch wrote that expire within the same second (or, written by an upgrade, the one key in its own
 * name). 1 (no key): JSON [value, expiresAt], no index.
 */
export const CURRENT_FORMAT = '2';

/** Times are written in 15 digits, so that keys sort by them. */
const TIME_DIGITS = 15;
export const pad = (n: number) => String(Math.max(0, Math.floor(n))).padStart(TIME_DIGITS, '0');
/** How much of a key a time and its separator take. */
const TIME_PART = TIME_DIGITS + 1;

export type Entry = [value: string, expiresAt: number];
/** The expiry in 15 digits, then the value as it is: no JSON around a value that is JSON already. */
export const encodeEntry = ([value, expiresAt]: Entry) => pad(expiresAt) + value;
export const decodeEntry = (raw: string): Entry => [raw.slice(TIME_DIGITS), Number(raw.slice(0, TIME_DIGITS))];

export const valueKey = (key: string) => VALUE + key;

/** An expiry-index entry: at `expiresAt`, named `name` (its keys are its value, or, from an upgrade, its name). */
export const expiryKey = (name: string, expiresAt: number) => `${EXPIRY}${pad(expiresAt)}\x00${name}`;
/** The expiry-index entries due by `now`, inclusive, are the keys up to this one. */
export const expiredBy = (now: number) => `${EXPIRY}${pad(now)}\x00\xff`;
/** The name of an expiry-index entry: the one key it names, when an upgrade wrote it. */
export const nameOfExpiryKey = (indexKey: string) => indexKey.slice(EXPIRY.length + TIME_PART);

/** The keys of one queue: its entries by time, and where each member is. */
export function queueKeys(queue: string) {
  const prefix = `${QUEUE}${queue}\x00`;
  return {
    prefix,
    entry: (at: number, member: string) => `${prefix}${pad(at)}\x00${member}`,
    /** The entry of a member at a due time as its place holds it (already padded). */
    entryAtPlace: (place: string, member: string) => `${prefix}${place}\x00${member}`,
    /** The first key at `at`, and the last: a range of times. */
    from: (at: number) => `${prefix}${pad(at)}\x00`,
    upTo: (at: number) => `${prefix}${pad(at)}\x00\xff`,
    /** The member an entry's key names. */
    memberOf: (entryKey: string) => entryKey.slice(prefix.length + TIME_PART),
    /** Where the member's current due time is kept. */
    place: (member: string) => `${MEMBER}${queue}\x00${member}`,
  };
}
