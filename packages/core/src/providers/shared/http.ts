import { BodyReadError, type TransportRequest, type TransportResponse } from '../../contract/transport.js';
import type { CallContext } from '../../contract/types.js';
import { ProviderNetworkError, ProviderResponseError, ProviderTimeoutError } from '../../errors.js';

export type RawResponse = TransportResponse;

/**
 * Sends one request under the call's deadline and reads the whole body.
 * Faults become typed errors: a timeout after the request was handed to the
 * transport counts as sent (the provider may have billed it); a connection
 * refused does not.
 */
export async function send(
  providerId: string,
  url: string,
  init: Omit<TransportRequest, 'signal'>,
  ctx: CallContext,
): Promise<RawResponse> {
  try {
    return await ctx.transport(url, { ...init, signal: ctx.signal });
  } catch (cause) {
    if (ctx.signal.aborted) throw new ProviderTimeoutError(providerId, true, { cause });
    if (refusedBeforeSending(cause)) throw new ProviderNetworkError(providerId, { cause });
    if (cause instanceof BodyReadError) {
      throw new ProviderResponseError(providerId, 'the response body could not be read', {
        cause: cause.cause,
        httpStatus: cause.status,
      });
    }
    // Reset or closed mid-flight: the provider may have processed it.
    throw new ProviderTimeoutError(providerId, true, { cause });
  }
}

const NOT_SENT = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|ConnectionRefused/;

/** Errors that mean no byte reached the provider (the message chain varies by runtime). */
function refusedBeforeSending(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (NOT_SENT.test(`${String(code)} ${String(message)}`)) return true;
    e = cause;
  }
  return false;
}

/**
 * 502 and 503 are a gateway's refusals: the API behind it never took the
 * request, so nothing was billed and another provider may be tried. (500
 * and 504 may come after processing: those stay charge-unknown.)
 */
const GATEWAY_REFUSALS = new Set([502, 503]);

/** Parses a JSON body, turning malformed or truncated text into a typed error. */
export function parseJson(providerId: string, raw: RawResponse): unknown {
  try {
    return JSON.parse(raw.text);
  } catch (cause) {
    if (GATEWAY_REFUSALS.has(raw.status)) throw new ProviderNetworkError(providerId, { cause });
    throw new ProviderResponseError(providerId, 'the response body is not valid JSON', {
      cause,
      httpStatus: raw.status,
    });
  }
}

/** Waits, unless the call is aborted first. */
export function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
