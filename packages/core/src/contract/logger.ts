import type { Masked } from '../pii/masked.js';

/**
 * Log fields accept masked strings only (see `Masked`): the compiler refuses a
 * raw card, ID, name or phone here. Numbers and booleans carry no PII.
 */
export type LogValue = Masked | number | boolean | null | undefined;
export type LogFields = Readonly<Record<string, LogValue>>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

const noop = (): void => {};

export const silentLogger: Logger = { debug: noop, info: noop, warn: noop, error: noop };
