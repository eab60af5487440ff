/**
 * What a provider call needs from HTTP, and no more: one request with a text
 * body, the whole answer as text. `fetch` provides it on every runtime
 * (`fetchTransport`); a runtime can bring a cheaper one (the BFF's Node entry
 * uses keep-alive `http.request` and builds no Request, Response or stream).
 */
export interface TransportRequest {
  method: 'GET' | 'POST';
  headers: Readonly<Record<string, string>>;
  body?: string;
  signal: AbortSignal;
}

export interface TransportResponse {
  status: number;
  /** Header lookup by name, any case (a `Headers` is one). */
  headers: { get(name: string): string | null };
  text: string;
}

/**
 * Sends one request. Rejects when no answer came: a refused connection should
 * carry `ECONNREFUSED` (or the runtime's equivalent) in its code or message, so
 * the caller can tell "never sent" from "sent, no answer".
 */
export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

/** The provider answered (`status`) but its body broke off: a transport rejects with this. */
export class BodyReadError extends Error {
  readonly status: number;

  constructor(status: number, cause: unknown) {
    super('the response body could not be read', { cause });
    this.name = 'BodyReadError';
    this.status = status;
  }
}

/** The portable transport: any `fetch` (the runtime's by default, or one injected for tests). */
export function fetchTransport(fetchImpl: typeof fetch = (input, init) => globalThis.fetch(input, init)): Transport {
  return async (url, request) => {
    const response = await fetchImpl(url, request);
    try {
      return { status: response.status, headers: response.headers, text: await response.text() };
    } catch (cause) {
      throw new BodyReadError(response.status, cause);
    }
  };
}
