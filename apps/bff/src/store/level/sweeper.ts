import type { ClassicLevel } from 'classic-level';
import { type Entry, EXPIRY, expiredBy, nameOfExpiryKey } from './layout.js';

/** Expired values deleted per pass of the sweeper, about. */
const SWEEP_BATCH = 1_000;

export interface SweptStore {
  db: ClassicLevel<string, string>;
  sync: boolean;
  now: () => number;
  /** What `key` holds now (decided, cached or on disk), without remembering it. */
  entry(key: string): Entry | null;
  /** Deletes `key` (acknowledged as any write). */
  remove(key: string): Promise<void>;
  /** Puts everything journaled into LevelDB, whose index is read. */
  flush(): Promise<void>;
}

/**
 * Deletes expired values (reads already ignore them), found through the expiry index: a pass
 * costs what expired, not what the store holds. At most about SWEEP_BATCH values per batch.
 */
export async function sweepExpired(s: SweptStore): Promise<void> {
  // The expiry index is read from LevelDB: what was journaled goes there first.
  await s.flush();
  for (;;) {
    if (s.db.status !== 'open') return;
    const indexEntries: string[] = [];
    const keys: string[] = [];
    let more = false;
    for await (const [indexKey, listed] of s.db.iterator({ gte: EXPIRY, lte: expiredBy(s.now()) })) {
      if (keys.length >= SWEEP_BATCH) {
        more = true;
        break;
      }
      indexEntries.push(indexKey);
      // An entry an upgrade wrote names its one key itself; the others list theirs.
      if (listed === '') keys.push(nameOfExpiryKey(indexKey));
      else keys.push(...(JSON.parse(listed) as string[]));
    }
    if (indexEntries.length === 0) return;
    const deletions: Promise<void>[] = [];
    for (const key of keys) {
      // Written again since (with a later expiry, indexed again)? Then it stays.
      const entry = s.entry(key);
      if (entry && entry[1] <= s.now()) deletions.push(s.remove(key));
    }
    await Promise.all(deletions);
    await s.db.batch(
      indexEntries.map((key) => ({ type: 'del' as const, key })),
      { sync: s.sync },
    );
    if (!more) return;
  }
}
