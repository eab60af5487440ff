import { type BankDirectory, createBankDirectory } from '@cardbind/core/banks/directory';
import { type AssetFetcher, BANKS_FILE, type BuiltFiles, openApiFileName } from './built-files.js';

/**
 * The built files read through `assets` (Workers static assets: the `ASSETS` binding), each once
 * per isolate and kept. A read that fails is not kept: the next request tries again.
 */
export function fetchedFiles(assets: AssetFetcher): BuiltFiles {
  const texts = new Map<string, Promise<string>>();
  const text = (name: string) => {
    let read = texts.get(name);
    if (!read) {
      read = assets.fetch(new Request(`https://assets.invalid/${name}`)).then(async (res) => {
        if (!res.ok) throw new Error(`static asset ${name}: ${res.status}`);
        return res.text();
      });
      read.catch(() => texts.delete(name));
      texts.set(name, read);
    }
    return read;
  };
  let banks: Promise<BankDirectory> | undefined;
  return {
    text,
    banks() {
      banks ??= text(BANKS_FILE).then((json) => createBankDirectory(JSON.parse(json)));
      banks.catch(() => {
        banks = undefined;
      });
      return banks;
    },
    async openApi(_routes, features, serverUrl) {
      const document = JSON.parse(await text(openApiFileName(features))) as Record<string, unknown>;
      return { ...document, servers: [{ url: serverUrl }] };
    },
  };
}
