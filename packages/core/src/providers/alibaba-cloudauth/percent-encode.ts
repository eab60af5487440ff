/**
 * Alibaba's percent-encoding (RFC 3986 unreserved characters kept, everything else `%XY` in UTF-8,
 * space as `%20`): `encodeURIComponent` plus the five characters it leaves alone.
 */
export function acsEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** `key=value` pairs sorted by key, values encoded (keys are API names: ASCII). */
export function sortedQuery(params: Readonly<Record<string, string>>, encodeKeys = false): string {
  return Object.keys(params)
    .sort()
    .map((key) => `${encodeKeys ? acsEncode(key) : key}=${acsEncode(params[key] ?? '')}`)
    .join('&');
}
