/**
 * The signing text the RZ and aggregated-pay APIs share (the prevailing Chinese
 * payment convention), as the sandbox's own signers build it: the fields other
 * than `sign` whose value is not empty, sorted by name (by code unit, as every
 * client sorts ASCII names), `name=value` joined by `&`. An object's fields are
 * flattened as `outer.inner=…`; numbers and booleans are written as JSON writes them.
 */
export function sortedFieldText(fields: Readonly<Record<string, unknown>>): string {
  const all: [string, string][] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) add(`${name}.${inner}`, v);
    } else all.push([name, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  for (const [name, value] of Object.entries(fields)) if (name !== 'sign') add(name, value);
  all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return all.map(([name, value]) => `${name}=${value}`).join('&');
}
