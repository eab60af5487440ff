import { type Store, StoreUnavailableError } from './types.js';

/**
 * A shared store that is still connecting (Redis at start): every call fails as unavailable until
 * `attach` gives it the connected one, then each call goes straight through. The BFF can listen
 * meanwhile, so a load balancer's readiness probe hears 503 (and `/healthz` 200) instead of a
 * refused connection, and requests get 503 STORE_UNAVAILABLE instead of waiting on nothing.
 */
export class PendingStore implements Store {
  readonly shared = true;
  #store: Store | undefined;

  get ordered() {
    return this.#store?.ordered === true;
  }

  attach(store: Store): void {
    this.#store = store;
  }

  #ready(): Store {
    if (!this.#store) throw new StoreUnavailableError('the store is still connecting');
    return this.#store;
  }

  async get(key: string) {
    return this.#ready().get(key);
  }
  async set(key: string, value: string, ttlMs: number) {
    return this.#ready().set(key, value, ttlMs);
  }
  async setIfAbsent(key: string, value: string, ttlMs: number) {
    return this.#ready().setIfAbsent(key, value, ttlMs);
  }
  async compareAndSet(key: string, expected: string, next: string, ttlMs: number) {
    return this.#ready().compareAndSet(key, expected, next, ttlMs);
  }
  async take(key: string) {
    return this.#ready().take(key);
  }
  async increment(key: string, ttlMs: number) {
    return this.#ready().increment(key, ttlMs);
  }
  async delete(key: string) {
    return this.#ready().delete(key);
  }
  async schedule(queue: string, member: string, dueAt: number) {
    return this.#ready().schedule(queue, member, dueAt);
  }
  async due(queue: string, upTo: number, limit: number) {
    return this.#ready().due(queue, upTo, limit);
  }
  async unschedule(queue: string, member: string) {
    return this.#ready().unschedule(queue, member);
  }
  async index(queue: string, member: string, at: number) {
    return this.#ready().index(queue, member, at);
  }
  async range(queue: string, from: number, to: number, limit: number, after?: string) {
    return this.#ready().range(queue, from, to, limit, after);
  }
  async trim(queue: string, before: number) {
    return this.#ready().trim(queue, before);
  }
  async close() {
    await this.#store?.close?.();
  }
}
