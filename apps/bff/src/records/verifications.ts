import { createOutcome, type Outcome, type ProviderDetail, type ReasonCode } from '@cardbind/core/outcome';
import { keys, queues } from '../store/keys.js';
import type { Store } from '../store/types.js';
import { DAY_MS } from './limits.js';
import { TimeIndex } from './time-index.js';

/** Kept as long as bind orders, so a late reconciliation still finds it. */
export const VERIFICATION_TTL_MS = 30 * DAY_MS;

/** What the store keeps of a verification: masked card, outcome, owner, time. */
export interface VerificationRecord {
  id: string;
  kind: 2 | 3 | 4;
  card: string;
  outcome: Outcome;
  merchant: string;
  createdAt: string;
}

/** What the cardholder's browser (and a replayed Idempotency-Key) gets of a verification. */
export type VerificationAnswer = Pick<VerificationRecord, 'id' | 'card' | 'outcome'>;

/**
 * An outcome as written to disk: what the catalogue cannot rebuild. Status,
 * retryability and the cardholder messages follow from the reason code, so
 * they are not written (they were a third of each record's bytes, and every
 * byte is written again by LevelDB's compactions).
 */
interface StoredOutcome {
  reason: ReasonCode;
  charged: Outcome['charged'];
  retryAfter?: number;
  provider?: ProviderDetail;
}

/** As written: the id is the key's, and the outcome compact (records written earlier hold both whole). */
type StoredRecord = Omit<VerificationRecord, 'id' | 'outcome'> & { id?: string; outcome: StoredOutcome | Outcome };

function storedOutcome({ reason, charged, retryAfter, provider }: Outcome): StoredOutcome {
  return { reason, charged, ...(retryAfter === undefined ? {} : { retryAfter }), ...(provider ? { provider } : {}) };
}

function revivedOutcome(stored: StoredOutcome | Outcome): Outcome {
  // A record written before outcomes were stored compactly carries the whole outcome.
  if ('message' in stored) return stored;
  const { reason, charged, retryAfter, provider } = stored;
  return createOutcome(reason, {
    charged,
    ...(retryAfter === undefined ? {} : { retryAfter }),
    ...(provider ? { provider } : {}),
  });
}

/**
 * Verification records: written once, read back by the merchant's server and by idempotent
 * replays, and listed by creation time for reconciliation.
 */
export class VerificationRepository {
  readonly #store: Store;
  readonly #byTime: TimeIndex;

  constructor(store: Store, now: () => number) {
    this.#store = store;
    this.#byTime = new TimeIndex(store, queues.verificationsByTime, VERIFICATION_TTL_MS, now);
  }

  async save({ id, outcome, ...rest }: VerificationRecord): Promise<void> {
    const stored: StoredRecord = { ...rest, outcome: storedOutcome(outcome) };
    await Promise.all([
      this.#store.set(keys.verification(id), JSON.stringify(stored), VERIFICATION_TTL_MS),
      this.#byTime.add(rest.merchant, id, Date.parse(rest.createdAt)),
    ]);
  }

  /** The merchant's verifications created from `from` to `to` (ms), oldest first; past `after` (one created at `from`). */
  async list(merchant: string, from: number, to: number, limit: number, after?: string): Promise<VerificationRecord[]> {
    const ids = await this.#byTime.page(merchant, from, to, limit, after);
    const records = await Promise.all(ids.map((id) => this.get(id)));
    return records.filter((r): r is VerificationRecord => r?.merchant === merchant);
  }

  async get(id: string): Promise<VerificationRecord | undefined> {
    const raw = await this.#store.get(keys.verification(id));
    if (raw === undefined) return undefined;
    const stored = JSON.parse(raw) as StoredRecord;
    return { ...stored, id, outcome: revivedOutcome(stored.outcome) };
  }

  /** The answer the verification gave, read back (undefined once the record is gone). */
  async answer(id: string): Promise<VerificationAnswer | undefined> {
    const record = await this.get(id);
    return record && { id, card: record.card, outcome: record.outcome };
  }
}
