import type { ClassicLevel } from 'classic-level';
import { CURRENT_FORMAT, type Entry, encodeEntry, expiryKey, FORMAT, VALUE } from './layout.js';

/** Values rewritten per batch. */
const UPGRADE_BATCH = 1_000;

/** Rewrites a format-1 directory (JSON [value, expiresAt], no index): every value behind its expiry, and indexed by it. */
export async function upgradeFormat(db: ClassicLevel<string, string>, sync: boolean): Promise<void> {
  if (db.getSync(FORMAT) === CURRENT_FORMAT) return;
  let batch = db.batch();
  for await (const [key, raw] of db.iterator({ gte: VALUE, lt: 'v\x01' })) {
    const entry = JSON.parse(raw) as Entry;
    batch.put(key, encodeEntry(entry));
    batch.put(expiryKey(key.slice(VALUE.length), entry[1]), '');
    if (batch.length >= UPGRADE_BATCH) {
      await batch.write({ sync });
      batch = db.batch();
    }
  }
  batch.put(FORMAT, CURRENT_FORMAT);
  await batch.write({ sync });
}
