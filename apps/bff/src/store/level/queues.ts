import type { ClassicLevel } from 'classic-level';
import type { GroupCommit } from './group-commit.js';
import { pad, queueKeys } from './layout.js';

/** Entries deleted per batch when a queue is trimmed. */
const TRIM_BATCH = 1_000;

/**
 * The store's time-ordered queues in LevelDB: entries ordered by due time (what `due` and `range`
 * read in order), and for a member that moves (the outbox) its current place. A member's moves are
 * serialized by a per-member lock; reads first flush what was journaled, so that an entry just
 * acknowledged is listed.
 */
export class LevelQueues {
  readonly #db: ClassicLevel<string, string>;
  readonly #commit: GroupCommit;
  readonly #sync: boolean;
  readonly #locks = new Map<string, Promise<unknown>>();

  constructor(db: ClassicLevel<string, string>, commit: GroupCommit, sync: boolean) {
    this.#db = db;
    this.#commit = commit;
    this.#sync = sync;
  }

  schedule(queue: string, member: string, dueAt: number): Promise<void> {
    const keys = queueKeys(queue);
    const place = keys.place(member);
    return this.#locked(place, async () => {
      const previous = this.#db.getSync(place);
      const batch = this.#db.batch();
      if (previous !== undefined) batch.del(keys.entryAtPlace(previous, member));
      batch.put(place, pad(dueAt));
      batch.put(keys.entry(dueAt, member), '');
      await batch.write({ sync: this.#sync });
    });
  }

  unschedule(queue: string, member: string): Promise<void> {
    const keys = queueKeys(queue);
    const place = keys.place(member);
    return this.#locked(place, async () => {
      const previous = this.#db.getSync(place);
      if (previous === undefined) return;
      await this.#db.batch(
        [
          { type: 'del', key: place },
          { type: 'del', key: keys.entryAtPlace(previous, member) },
        ],
        { sync: this.#sync },
      );
    });
  }

  /**
   * A member added once (an index entry): it goes out with the next group-committed batch, with
   * no read for an earlier place, no batch of its own, and no record of its place (what
   * `schedule` needs to move a member): it leaves only by `trim`.
   */
  index(queue: string, member: string, at: number): Promise<void> {
    return this.#commit.putRaw(queueKeys(queue).entry(at, member), '');
  }

  async due(queue: string, upTo: number, limit: number): Promise<string[]> {
    await this.#commit.flush();
    const keys = queueKeys(queue);
    const members: string[] = [];
    for await (const key of this.#db.keys({ gte: keys.prefix, lte: keys.upTo(upTo), limit })) {
      members.push(keys.memberOf(key));
    }
    return members;
  }

  async range(queue: string, from: number, to: number, limit: number, after?: string): Promise<string[]> {
    // An index entry acknowledged a moment ago may still be on its way from the journal to LevelDB.
    await this.#commit.flush();
    const keys = queueKeys(queue);
    const first = keys.from(Math.ceil(from));
    const members: string[] = [];
    const bounds = after === undefined ? { gte: first } : { gt: first + after };
    for await (const key of this.#db.keys({ ...bounds, lte: keys.upTo(to), limit })) members.push(keys.memberOf(key));
    return members;
  }

  async trim(queue: string, before: number): Promise<void> {
    await this.#commit.flush();
    const keys = queueKeys(queue);
    for (;;) {
      const batch = this.#db.batch();
      for await (const key of this.#db.keys({
        gte: keys.prefix,
        lt: keys.from(Math.ceil(before)),
        limit: TRIM_BATCH,
      })) {
        batch.del(key);
        batch.del(keys.place(keys.memberOf(key)));
      }
      const count = batch.length;
      await batch.write({ sync: this.#sync });
      if (count < TRIM_BATCH * 2) return;
    }
  }

  /** Waits for every member's operations under way (the store is closing). */
  async idle(): Promise<void> {
    while (this.#locks.size > 0) await Promise.all([...this.#locks.values()]);
  }

  /** Runs `work` after every earlier queue operation on the same member. */
  #locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const run = (this.#locks.get(key) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    this.#locks.set(key, tail);
    void tail.then(() => {
      if (this.#locks.get(key) === tail) this.#locks.delete(key);
    });
    return run;
  }
}
