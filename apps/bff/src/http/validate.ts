import type { Context } from 'hono';
import type * as z from 'zod';
import { Refusal, type RefusalCode } from '../refusals.js';

/** Refuses malformed UTF-8; one decoder serves every request (decode() without `stream` keeps no state). */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** application/json, with no charset or UTF-8 (RFC 8259 §8.1: JSON between systems is UTF-8). */
const JSON_TYPE = /^application\/json\s*(?:;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/**
 * `value` as `schema` takes it, or the refusal `code`; for INVALID_REQUEST, with each problem's
 * path and zod code in `details.issues` (never the rejected value).
 */
export function validated<S extends z.ZodType>(schema: S, value: unknown, code: RefusalCode): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  if (code !== 'INVALID_REQUEST') throw new Refusal(code);
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  throw new Refusal('INVALID_REQUEST', { details: { issues } });
}

/**
 * Reads a JSON body and validates it; every failure is a stable 4xx. The size cap is the
 * `bodyCap` middleware's, enforced as the bytes arrive.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  if (!JSON_TYPE.test(c.req.header('content-type') ?? '')) throw new Refusal('UNSUPPORTED_MEDIA_TYPE');
  let buffer: ArrayBuffer;
  try {
    buffer = await c.req.arrayBuffer();
  } catch {
    // The client hung up mid-body: its fault, not ours (and nobody reads the answer).
    throw new Refusal('BODY_INCOMPLETE');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(buffer));
  } catch {
    throw new Refusal('BAD_JSON');
  }
  return validated(schema, parsed, 'INVALID_REQUEST');
}

/** Validates the query string; a bad or unknown parameter is a 400 naming it (never its value). */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return validated(schema, c.req.query(), 'INVALID_REQUEST');
}
