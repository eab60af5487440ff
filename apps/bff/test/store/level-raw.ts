import { ClassicLevel } from 'classic-level';

/** Every key and value in a closed store's directory, read with LevelDB itself. */
export async function rawContents(dir: string): Promise<Map<string, string>> {
  const db = new ClassicLevel<string, string>(dir, { valueEncoding: 'utf8' });
  const entries = new Map<string, string>();
  for await (const [key, value] of db.iterator()) entries.set(key, value);
  await db.close();
  return entries;
}
