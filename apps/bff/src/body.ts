import type { Context } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors.js';

export const MAX_BODY_BYTES = 16 * 1024;

/** Reads a JSON body under a size cap and validates it; every failure is a stable 4xx. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type)) throw new ApiError('UNSUPPORTED_MEDIA_TYPE');
  const declared = Number(c.req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > MAX_BODY_BYTES) throw new ApiError('PAYLOAD_TOO_LARGE');
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(buffer));
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
