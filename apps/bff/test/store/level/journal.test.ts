import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ClassicLevel } from 'classic-level';
import { expect, it } from 'vitest';
import { LevelStore } from '../../../src/store/level/store.js';
import { killWhenItSays } from '../../support/processes.js';
import { rawContents } from './raw.js';

const directory = () => mkdtempSync(join(tmpdir(), 'cardbind-journal-'));
const journals = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('cardbind-journal-'));

// The process that is killed: it opens the store (the built one: a plain Node child), writes one
// value to disk the ordinary way, then stops LevelDB from writing anything more (as if the
// kill -9 came before its thread pool got to the batch), and reports what was acknowledged.
const CHILD = `
import { ClassicLevel } from 'classic-level';
import { LevelStore } from ${JSON.stringify(new URL('../../../dist/node/serve.js', import.meta.url).pathname)};
const store = await new LevelStore(process.env.STORE_DIR).open();
await store.set('gone', 'soon deleted', 60_000);
await store.flush();
ClassicLevel.prototype.batch = function () {
  return { put() { return this; }, del() { return this; }, write: () => new Promise(() => {}), close: async () => {} };
};
await store.set('order:1', '{"status":"PENDING"}', 60_000);
await store.index('orders-by-time:shop', 'ord_1', 1_234);
await store.delete('gone');
console.log('acknowledged');
setInterval(() => {}, 1_000);
`;

it('level: what was acknowledged survives a kill -9 that came before LevelDB wrote it (the journal is replayed on open)', async () => {
  const dir = directory();
  await killWhenItSays(CHILD, 'acknowledged', { STORE_DIR: dir });

  // LevelDB itself never got the three writes: only the journal has them.
  const before = await rawContents(dir);
  expect(before.has('v\x00order:1')).toBe(false);
  expect(before.has('v\x00gone')).toBe(true);
  expect(journals(dir)).toHaveLength(1);

  const store = await new LevelStore(dir).open();
  expect(await store.get('order:1')).toBe('{"status":"PENDING"}');
  expect(await store.range('orders-by-time:shop', 0, 2_000, 10)).toEqual(['ord_1']);
  expect(await store.get('gone')).toBeUndefined();
  // Replayed into LevelDB and the old journal deleted; a clean close leaves no journal at all.
  expect(journals(dir)).toHaveLength(1);
  await store.close();
  expect(journals(dir)).toEqual([]);
  const after = await rawContents(dir);
  expect(after.get('v\x00order:1')?.endsWith('{"status":"PENDING"}')).toBe(true);
  expect(after.has('v\x00gone')).toBe(false);
}, 30_000);

it('level: journal files are deleted once LevelDB holds what they journaled, so they stay few and small', async () => {
  const dir = directory();
  const store = await new LevelStore(dir, { journalFileBytes: 2_048 }).open();
  const value = 'x'.repeat(200);
  let most = 0;
  for (let i = 0; i < 300; i++) {
    await store.set(`key:${i}`, value, 60_000);
    if (i % 10 === 9) {
      await store.flush();
      most = Math.max(most, journals(dir).length);
    }
  }
  // 300 writes of about 250 bytes made some 35 files of 2 KiB in turn; at most the current one and
  // the one the batch in flight journaled are left.
  expect(most).toBeGreaterThanOrEqual(1);
  expect(most).toBeLessThanOrEqual(2);
  await store.close();
  expect(journals(dir)).toEqual([]);
  const reopened = await new LevelStore(dir).open();
  expect(await reopened.get('key:0')).toBe(value);
  expect(await reopened.get('key:299')).toBe(value);
  await reopened.close();
});

it('level: a batch LevelDB refuses goes again with the next one; the acknowledged write stays readable and is kept', async () => {
  const dir = directory();
  const store = await new LevelStore(dir).open();
  const original = ClassicLevel.prototype.batch;
  let refused = 0;
  ClassicLevel.prototype.batch = function (this: ClassicLevel, ...args: unknown[]) {
    const batch = (original as (...a: unknown[]) => unknown).apply(this, args);
    if (args.length > 0 || refused > 0) return batch;
    const chained = batch as ReturnType<ClassicLevel<string, string>['batch']>;
    chained.write = (async () => {
      refused++;
      await chained.close();
      throw new Error('disk refused');
    }) as typeof chained.write;
    return chained;
  } as typeof original;
  try {
    await store.set('order:1', 'kept', 60_000);
    await store.flush();
    expect(refused).toBe(1);
    // Still decided, so still read back, while it waits for the next batch.
    expect(await store.get('order:1')).toBe('kept');
    await store.flush();
  } finally {
    ClassicLevel.prototype.batch = original;
  }
  await store.close();
  expect(journals(dir)).toEqual([]);
  expect((await rawContents(dir)).get('v\x00order:1')?.endsWith('kept')).toBe(true);
});
