import type { Context } from 'hono';
import type * as z from 'zod';
import { ApiError } from './errors.js';

/** Validates the query string; a bad or unknown parameter is a 400 naming it (never its value). */
export function queryParams<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const result = schema.safeParse(c.req.query());
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), code: i.code }));
  throw new ApiError('INVALID_REQUEST', { details: { issues } });
}

/** A list's time window, in ms: `createdTo` defaults to now, `createdFrom` to a day before it. */
export function createdWindow(
  query: { createdFrom?: string | undefined; createdTo?: string | undefined },
  now: number,
) {
  const to = query.createdTo === undefined ? now : Date.parse(query.createdTo);
  const from = query.createdFrom === undefined ? to - 86_400_000 : Date.parse(query.createdFrom);
  if (from > to) {
    throw new ApiError('INVALID_REQUEST', { details: { issues: [{ path: 'createdFrom', code: 'after_created_to' }] } });
  }
  return { from, to };
}

/**
 * One page: `limit` items from the window, past the item `startingAfter` names (at `cursorAt`,
 * when it is still inside the window); `hasMore` when the window holds more.
 */
export async function listPage<T>(
  window: { from: number; to: number },
  limit: number,
  cursor: { member: string; at: number } | undefined,
  list: (from: number, to: number, limit: number, after?: string) => Promise<T[]>,
): Promise<{ data: T[]; hasMore: boolean }> {
  const resume = cursor && cursor.at >= window.from;
  const items = await list(resume ? cursor.at : window.from, window.to, limit + 1, resume ? cursor.member : undefined);
  return { data: items.slice(0, limit), hasMore: items.length > limit };
}
