import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { VALUE } from '../../../src/store/level/layout.js';

/** A fresh directory for a LevelStore. */
export const directory = () => mkdtempSync(join(tmpdir(), 'cardbind-level-'));

/** Every key and value in a closed store's directory, read with LevelDB itself. */
export async function rawContents(dir: string): Promise<Map<string, string>> {
  const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  const entries = new Map<string, string>();
  for await (const [key, value] of db.iterator()) entries.set(key, value);
  await db.close();
  return entries;
}

/**
 * Watches the chained batches LevelStore writes with: `onWrite` gets how many values (not expiry
 * index entries) each holds, and the write waits for what it returns. Undone by the returned function.
 */
export function interceptBatches(onWrite: (values: number) => Promise<void> | void): () => void {
  const original = ClassicLevel.prototype.batch;
  ClassicLevel.prototype.batch = function (this: ClassicLevel, ...args: unknown[]) {
    const batch = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (args.length > 0) return batch;
    const chained = batch as ReturnType<ClassicLevel<string, string>['batch']>;
    let values = 0;
    const { put, del, write } = chained;
    chained.put = (key: string, ...rest: unknown[]) => {
      if (key.startsWith(VALUE)) values++;
      return (put as (...a: unknown[]) => typeof chained).call(chained, key, ...rest);
    };
    chained.del = (key: string, ...rest: unknown[]) => {
      if (key.startsWith(VALUE)) values++;
      return (del as (...a: unknown[]) => typeof chained).call(chained, key, ...rest);
    };
    chained.write = (async (...rest: unknown[]) => {
      await onWrite(values);
      return (write as (...a: unknown[]) => Promise<void>).apply(chained, rest);
    }) as typeof write;
    return chained;
  } as typeof original;
  return () => {
    ClassicLevel.prototype.batch = original;
  };
}
