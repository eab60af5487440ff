/**
 * The prevailing Chinese payment signing string: the non-empty fields other
 * than `sign`, sorted by name, `k=v` joined by `&`. Nested objects are
 * flattened with dotted names (`data.status=…`); numbers and booleans are
 * written as JSON writes them.
 */
export function sortedFieldString(
  fields: Readonly<Record<string, unknown>>,
  exclude: readonly string[] = ['sign'],
): string {
  const flat: [string, string][] = [];
  const walk = (prefix: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) walk(prefix ? `${prefix}.${k}` : k, v);
      return;
    }
    flat.push([prefix, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  for (const [k, v] of Object.entries(fields)) if (!exclude.includes(k)) walk(k, v);
  flat.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return flat.map(([k, v]) => `${k}=${v}`).join('&');
}

/** China Standard Time (UTC+8) calendar parts of an instant, for `yyyyMMdd` and `yyyy-MM-dd HH:mm:ss` fields. */
export function chinaTime(ms: number): { date: string; dateTime: string } {
  const iso = new Date(ms + 8 * 3600_000).toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), dateTime: `${iso.slice(0, 10)} ${iso.slice(11, 19)}` };
}
