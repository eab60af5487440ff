/**
 * Delivers signed bind notifications to the merchant's `bindNotifyUrl`,
 * retrying until the answer is exactly `OK` (as the provider does), with
 * exponential backoff. In chaos mode it also sends, on purpose, a duplicate of
 * the result and a stale PROCESSING after it (out of order).
 */
export interface Delivery {
  orderNo: string;
  status: string;
  attempt: number;
  replied: string;
}

export interface NotifierOptions {
  maxAttempts?: number;
  firstDelayMs?: number;
  fetch?: typeof fetch;
}

export class Notifier {
  readonly deliveries: Delivery[] = [];
  readonly #pending = new Set<Promise<void>>();
  readonly #maxAttempts: number;
  readonly #firstDelayMs: number;
  readonly #fetch: typeof fetch;

  constructor(options: NotifierOptions = {}) {
    this.#maxAttempts = options.maxAttempts ?? 8;
    this.#firstDelayMs = options.firstDelayMs ?? 200;
    this.#fetch = options.fetch ?? ((input, init) => fetch(input, init));
  }

  /** Sends each body in order, each until acknowledged (or attempts run out). */
  send(url: string, orderNo: string, bodies: readonly { status: string; body: string }[]): Promise<void> {
    const run = (async () => {
      for (const { status, body } of bodies) await this.#deliver(url, orderNo, status, body);
    })();
    this.#pending.add(run);
    void run.finally(() => this.#pending.delete(run));
    return run;
  }

  /** Resolves when every delivery under way has finished. */
  async idle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.all([...this.#pending]);
  }

  async #deliver(url: string, orderNo: string, status: string, body: string): Promise<void> {
    for (let attempt = 1; attempt <= this.#maxAttempts; attempt++) {
      let replied = '';
      try {
        const res = await this.#fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8' },
          body,
          signal: AbortSignal.timeout(5_000),
        });
        replied = (await res.text()).trim();
      } catch (error) {
        replied = `error: ${(error as Error).name}`;
      }
      this.deliveries.push({ orderNo, status, attempt, replied });
      if (replied === 'OK') return;
      await new Promise((r) => setTimeout(r, Math.min(this.#firstDelayMs * 2 ** (attempt - 1), 5_000)));
    }
  }
}
