import { expect, it } from 'vitest';
import { LevelStore } from '../../../src/store/level/store.js';
import { storeContract } from '../contract.js';
import { directory } from './raw.js';

storeContract('level', async (clock) => new LevelStore(directory(), { now: () => clock.now }).open());

it('level: what was written is there after the store is closed and reopened', async () => {
  const dir = directory();
  const first = await new LevelStore(dir).open();
  await first.set('order:1', '{"status":"PENDING"}', 60_000);
  await first.schedule('webhooks', 'evt_1', 123);
  await first.close();
  const second = await new LevelStore(dir).open();
  expect(await second.get('order:1')).toBe('{"status":"PENDING"}');
  expect(await second.due('webhooks', 1_000, 10)).toEqual(['evt_1']);
  await second.close();
});

it('level: a second process-level open of the same directory is refused (one instance per directory)', async () => {
  const dir = directory();
  const first = await new LevelStore(dir).open();
  await expect(new LevelStore(dir).open()).rejects.toThrow();
  await first.close();
});
