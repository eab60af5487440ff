import { ClassicLevel } from 'classic-level';
import { expect, it } from 'vitest';
import { LevelStore } from '../../../src/store/level/store.js';
import { directory, rawContents } from './raw.js';

it('level: a directory in the first format (JSON entries, no index) is upgraded on open', async () => {
  const dir = directory();
  const now = Date.now();
  const old = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  await old.batch([
    { type: 'put', key: 'v\x00order:1', value: JSON.stringify(['{"status":"PENDING"}', now + 60_000]) },
    { type: 'put', key: 'v\x00gone', value: JSON.stringify(['x', now - 1]) },
  ]);
  await old.close();
  const store = await new LevelStore(dir).open();
  expect(await store.get('order:1')).toBe('{"status":"PENDING"}');
  await store.close();
  const raw = await rawContents(dir);
  expect(raw.get('f\x00')).toBe('2');
  expect(raw.has('v\x00gone')).toBe(false);
  expect(raw.get('v\x00order:1')).toBe(`${String(now + 60_000).padStart(15, '0')}{"status":"PENDING"}`);
});
