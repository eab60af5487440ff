import type { MiddlewareHandler } from 'hono';
import type { Guard } from '../http/route.js';
import { Refusal } from '../refusals.js';

/** Every API body but notifications: the largest real one (a bind order) is under 1 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Provider notifications: an aggregate-pay envelope is at most ~2.8 KB (1 KiB of plaintext, 4096-bit key). */
export const MAX_NOTIFY_BYTES = 8 * 1024;

/**
 * Caps a request body at `maxBytes` before anything parses it. A declared
 * length is checked without touching the body; a chunked one is counted as
 * it arrives and buffered only up to the cap (so routes read it from memory).
 *
 * Not hono/body-limit, which this follows, because that one touches the body
 * stream before it checks a declared length: on Node the runtime then cannot
 * drain a refused body, resets the connection, and a client still sending
 * never reads the 413. And a client that hangs up mid-body is
 * BODY_INCOMPLETE (a 4xx), not an internal error.
 */
export function bodyCap(maxBytes: number): MiddlewareHandler {
  return async (c, next) => {
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      // The runtime holds the body to its declared length, and drains it itself if we refuse.
      if (Number(declared) > maxBytes) throw new Refusal('PAYLOAD_TOO_LARGE');
      return next();
    }
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > maxBytes) throw new Refusal('PAYLOAD_TOO_LARGE');
        chunks.push(value);
      }
    } catch (error) {
      if (error instanceof Refusal) throw error;
      throw new Refusal('BODY_INCOMPLETE');
    }
    const buffered = new Uint8Array(size);
    let offset = 0;
    for (const chunk of chunks) {
      buffered.set(chunk, offset);
      offset += chunk.byteLength;
    }
    // From here the body has a declared length: a later cap (the global one behind a
    // notification's) checks the header instead of reading the body again.
    const headers = new Headers(c.req.raw.headers);
    headers.delete('transfer-encoding');
    headers.set('content-length', String(size));
    c.req.raw = new Request(c.req.raw, { body: buffered, headers });
    return next();
  };
}

/** A notification's body cap (its envelope is small: anything larger is refused before it is read). */
export const notifyBodyCap: Guard = {
  refusals: ['PAYLOAD_TOO_LARGE', 'BODY_INCOMPLETE'],
  create: () => bodyCap(MAX_NOTIFY_BYTES),
};
