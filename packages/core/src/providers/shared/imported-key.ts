import { ConfigurationError } from '../../errors.js';

/**
 * A key imported once, when the provider is made, and awaited by each call that needs it. One that
 * does not import fails those calls with a `ConfigurationError` naming `what` (never the value),
 * not the process: left alone, the rejection would be unhandled the moment the provider is made.
 */
export function importedKey<T>(importing: Promise<T>, what: string): Promise<T> {
  const key = importing.catch((cause: unknown) => {
    throw new ConfigurationError(`${what} does not import`, { cause });
  });
  key.catch(() => undefined);
  return key;
}
