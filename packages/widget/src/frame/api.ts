/** Calls to the BFF from the frame: same origin, with the widget token. */
export class Api {
  readonly #base: URL;
  #token: string;

  constructor(token: string, base: URL = new URL('..', location.href)) {
    this.#token = token;
    this.#base = base;
  }

  /** A new attempt's token (from the merchant's fetchToken). */
  useToken(token: string): void {
    this.#token = token;
  }

  banks() {
    return this.#call<{ banks: { code: string; name: Record<string, string> }[] }>('v1/banks');
  }

  async #call<T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
    const res = await fetch(new URL(path, this.#base), {
      ...init,
      headers: {
        authorization: `Bearer ${this.#token}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
        ...init.headers,
      },
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  bin(prefix: string) {
    return this.#call<{ bankCode: string; bankName: Record<string, string>; cardType: string }>(`v1/bins/${prefix}`);
  }

  verify(body: unknown, idempotencyKey: string) {
    return this.#call<VerificationAnswer & ErrorAnswer>('v1/verifications', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  bind(body: unknown) {
    return this.#call<{ orderNo: string; status: string; redirectUrl?: string } & ErrorAnswer & OrderAnswer>(
      'v1/bind-cards',
      {
        method: 'POST',
        body: JSON.stringify(body),
      },
    );
  }

  order(orderNo: string) {
    return this.#call<OrderAnswer & ErrorAnswer>(`v1/bind-cards/${encodeURIComponent(orderNo)}`);
  }
}

export interface Outcome {
  status: string;
  reason: string;
  message: Record<string, string>;
}
export interface VerificationAnswer {
  id: string;
  card: string;
  outcome: Outcome;
}
export interface OrderAnswer {
  orderNo: string;
  status: 'CREATED' | 'PENDING' | 'SUCCESS' | 'FAIL';
  bankCode: string;
  bankCardType: string;
  /** The bound card, masked (BIN + last 4). */
  card?: string;
  outcome?: Outcome;
}
export interface ErrorAnswer {
  error?: { code: string; message: string };
}
