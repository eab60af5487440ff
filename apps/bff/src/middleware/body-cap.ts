import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { ApiError } from '../errors.js';

/** Every API body but notifications: the largest real one (a bind order) is under 1 KiB. */
export const MAX_BODY_BYTES = 16 * 1024;
/** Provider notifications: an aggregate-pay envelope is at most ~2.8 KB (1 KiB of plaintext, 4096-bit key). */
export const MAX_NOTIFY_BYTES = 8 * 1024;

/**
 * Caps a request body at `maxBytes`, counted as the bytes arrive (chunked
 * bodies included), before anything parses it: hono's bodyLimit, with our
 * error shape. A client that hangs up mid-body gets BODY_INCOMPLETE (a 4xx
 * in the logs), not an internal error.
 */
export function bodyCap(maxBytes: number): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE');
    },
  });
  return async (c, next) => {
    try {
      // Errors of the routes behind `next` never arrive here: Hono answers them at their own layer.
      return await limit(c, next);
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('BODY_INCOMPLETE');
    }
  };
}
