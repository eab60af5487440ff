import type * as z from 'zod';

/** The configuration format this code reads. A file says which it was written for in `schemaVersion`. */
export const CONFIG_SCHEMA_VERSION = 1;

type Issue = z.core.$ZodIssue;

/**
 * A rolling upgrade: the file was written for a newer cardbind (a higher `schemaVersion`) and has
 * keys this one does not know. They are dropped, each with a warning, instead of refused, so that
 * the instances not yet upgraded keep running; the same keys in a file of this version or older
 * are mistakes, and refused. Undefined when that is not the case (so the issues stand); other
 * problems of a newer file are still refused.
 */
export function newerKeysDropped(input: unknown, issues: Issue[]): { input: unknown; warnings: string[] } | undefined {
  const declared = (input as { schemaVersion?: unknown } | null)?.schemaVersion;
  if (typeof declared !== 'number' || declared <= CONFIG_SCHEMA_VERSION) return undefined;
  const unknown = issues.filter((i): i is z.core.$ZodIssueUnrecognizedKeys => i.code === 'unrecognized_keys');
  if (unknown.length === 0) return undefined;
  const copy = structuredClone(input) as Record<string, unknown>;
  const warnings: string[] = [];
  for (const issue of unknown) {
    const parent = issue.path.reduce<unknown>((at, key) => (at as Record<PropertyKey, unknown>)[key], copy);
    for (const key of issue.keys) {
      delete (parent as Record<string, unknown>)[key];
      warnings.push(
        `${[...issue.path, key].join('.')}: unknown to this cardbind (the file is for schemaVersion ${declared}, this reads ${CONFIG_SCHEMA_VERSION}); ignored until this instance is upgraded`,
      );
    }
  }
  return { input: copy, warnings };
}
