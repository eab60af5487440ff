import type { Context } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors.js';

/** Refuses malformed UTF-8; one decoder serves every request (decode() without `stream` keeps no state). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** application/json, with no charset or UTF-8 (RFC 8259 §8.1: JSON between systems is UTF-8). */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * Reads a JSON body and validates it; every failure is a stable 4xx. The
 * size cap is the `bodyCap` middleware's, enforced as the bytes arrive.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  let buffer: ArrayBuffer;
  try {
    buffer = await c.req.arrayBuffer();
  } catch {
    // The client hung up mid-body: its fault, not ours (and nobody reads the answer).
    throw new ApiError('BODY_INCOMPLETE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(buffer));
  } catch {
    throw new ApiError('BAD_JSON');
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    // Paths and messages only: never the rejected values.
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
    throw new ApiError('INVALID_REQUEST', { details: { issues } });
  }
  return result.data;
}
