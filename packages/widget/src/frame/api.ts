import type {
  BankList,
  BindCardStarted,
  BindOrder,
  BinInfo,
  ErrorBody,
  VerificationResult,
  WidgetSession,
} from '@cardbind/client';
import type { FrameRefusalCode } from './refusals.js';

// The shapes are the BFF's own, generated from its route declarations (type-only: no bytes).
export type { BankList, BindOrder };

/** An answer: what its route declares for success, or a refusal with its code. */
export type Answer<T> = { ok: true; status: number; body: T } | { ok: false; status: number; body: ErrorBody };
export type Refusal = ErrorBody['error'];

const frameRefusal = (status: number, code: FrameRefusalCode, message: string): Answer<never> => ({
  ok: false,
  status,
  body: { error: { code, message } },
});

/** Calls to the BFF from the frame: same origin, with the widget token. */
export class Api {
  readonly #base: URL;
  /** The form may show before its token is here: every call waits for it (null: there is none). */
  #token: Promise<string | null>;

  constructor(token: string | null | Promise<string | null>, base: URL = new URL('..', location.href)) {
    this.#token = Promise.resolve(token);
    this.#base = base;
  }

  /** A new attempt's token (from the merchant's fetchToken). */
  useToken(token: string): void {
    this.#token = Promise.resolve(token);
  }

  /** Never throws: a call that got no answer, or one that was not the BFF's JSON, is a refusal of the frame's own. */
  async #call<T>(path: string, init: RequestInit = {}): Promise<Answer<T>> {
    let res: Response;
    const token = await this.#token;
    // A token that names no origin, or another than the page's: never sent, refused as the BFF would.
    if (token === null) {
      return {
        ok: false,
        status: 401,
        body: { error: { code: 'UNAUTHENTICATED', message: 'No widget token for this page.' } },
      };
    }
    try {
      res = await fetch(new URL(path, this.#base), {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
          ...init.headers,
        },
      });
    } catch (error) {
      return frameRefusal(0, 'NETWORK_ERROR', String(error));
    }
    try {
      const body = await res.json();
      if (res.ok || typeof body?.error?.code === 'string') return { ok: res.ok, status: res.status, body } as Answer<T>;
    } catch {}
    return frameRefusal(res.status, 'BAD_ANSWER', `HTTP ${res.status}, not the BFF's JSON`);
  }

  /** The token's session: a refusal here is a token the BFF will not take (expired, forged). */
  session() {
    return this.#call<WidgetSession>('v1/session');
  }

  banks() {
    return this.#call<BankList>('v1/banks');
  }

  bin(prefix: string) {
    return this.#call<BinInfo>(`v1/bins/${prefix}`);
  }

  verify(body: unknown, idempotencyKey: string) {
    return this.#call<VerificationResult>('v1/verifications', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'idempotency-key': idempotencyKey },
    });
  }

  /** 201 with the way to the bank, or 200 with the order the provider refused. */
  bind(body: unknown) {
    return this.#call<BindCardStarted | BindOrder>('v1/bind-cards', { method: 'POST', body: JSON.stringify(body) });
  }

  order(orderNo: string) {
    return this.#call<BindOrder>(`v1/bind-cards/${encodeURIComponent(orderNo)}`);
  }
}
