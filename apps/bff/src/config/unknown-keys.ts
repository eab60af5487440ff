import type * as z from 'zod';

/**
 * An unknown key in the configuration, said with its path and, when a known key at that place is
 * one or two edits away (a typo, a plural), the key that was meant: `limits.cardsPerDay: unknown
 * key (did you mean cardPerDay?)`. A misspelt key used to pass silently and do nothing.
 */
export function unknownKeyProblems(schema: z.ZodType, path: PropertyKey[], keys: string[]): string[] {
  const known = keysAt(schema, path);
  return keys.map((key) => {
    const meant = known.find((k) => distance(k.toLowerCase(), key.toLowerCase()) <= 2);
    return `${[...path, key].join('.')}: unknown key${meant ? ` (did you mean ${meant}?)` : ''}`;
  });
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  element?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  valueType?: z.ZodType;
}
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The keys the object schema at `path` knows (through optional, default, array and record wrappers). */
function keysAt(schema: z.ZodType, path: PropertyKey[]): string[] {
  let current: z.ZodType | undefined = schema;
  for (const segment of [...path, undefined]) {
    let def: Def | undefined = current && defOf(current);
    while (def?.innerType) def = defOf(def.innerType);
    if (segment === undefined) return def?.shape ? Object.keys(def.shape) : [];
    current = def?.element ?? def?.valueType ?? def?.shape?.[String(segment)];
  }
  return [];
}

/** Levenshtein distance (keys are short). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
