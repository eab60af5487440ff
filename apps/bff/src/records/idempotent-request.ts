/** What a request under an idempotency key gives `IdempotencyKeys.run`, and what it gets back. */

/** An answer: a status and its body (a route's declared answers, one of which a request gets). */
export interface Reply {
  status: number;
  body: unknown;
}

/** The answer a request's work gives, and how it is kept. */
export type StoredAnswer<R extends Reply = Reply> = R & {
  /**
   * Writes the answer depends on (not stored with it): awaited together with the
   * answer's own write, so a store that batches can commit them at once.
   */
  alongside?: Promise<unknown>;
  /**
   * Where the body is already kept (a record among the `alongside` writes): the key then
   * stores this reference instead of a second copy, and a replay reads the body back
   * through `resolve`.
   */
  ref?: string;
};

/** What a request under the key gets: the answer, and whether it was replayed. */
export type Answer<R extends Reply = Reply> = R & { replayed: boolean };

/** The step a request's work reports before anything outside the store can change. */
export interface Steps {
  /**
   * Called right before a call that may change state abroad (a provider call, which may be
   * billed). From then on a failure keeps the claim: whoever comes after cannot know what
   * happened there, and must not do it again.
   */
  foreignCall(): void;
  /** Milliseconds since the epoch when the claim's lease ends: no call may be started that would outlive it. */
  readonly leaseUntil: number;
}

/** One request under an idempotency key: what it does, and what a retry says if it dies. */
export interface IdempotentRequest<P, R extends Reply = Reply> {
  /** The store key (its owner spells it: `idem:<merchant>:<key>`, `token-used:bind:<jti>`). */
  key: string;
  /** How long the key keeps its claim and answer. */
  ttlMs: number;
  /** A keyed fingerprint of the body: the same key with another body is refused. */
  fingerprint: string;
  /** How long the owner may hold the key without answering: its deadline plus a margin. */
  leaseMs: number;
  /**
   * Written with the claim, before any foreign call: all a later request needs to say what is
   * known (an id, masked data; never a raw card, ID, name or phone).
   */
  pending: P;
  work(steps: Steps): Promise<StoredAnswer<R>>;
  /**
   * The answer for a claim whose owner died or whose lease ran out before it recorded one: what
   * is known, never a second foreign call it cannot rule out. Undefined when nothing outside the
   * store was touched (the work may run again).
   */
  inDoubt(pending: P): Promise<StoredAnswer<R> | undefined>;
  /**
   * What the request must pass before its work runs (the per-IP count its guards started, not yet
   * answered): awaited beside the claim, so the two share a round trip. A refusal there releases
   * the claim and is thrown.
   */
  admitted?: Promise<void>;
  /** Reads back the body of an answer stored by reference; undefined if it is gone. */
  resolve?: (ref: string) => Promise<R['body'] | undefined>;
}
