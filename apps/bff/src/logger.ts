import type { LogFields, Logger } from '@cardbind/core/contract';

/** Structured JSON logs, one line per event. Fields are `Masked` by type: no raw PII can be passed. */
export function jsonLogger(write: (line: string) => void, now: () => number = Date.now): Logger {
  const emit =
    (level: string) =>
    (event: string, fields: LogFields = {}) =>
      // The line's own keys are written last, so no field can overwrite them.
      write(
        JSON.stringify(
          Object.assign({ t: '', level, event }, fields, { t: new Date(now()).toISOString(), level, event }),
        ),
      );
  return { debug: emit('debug'), info: emit('info'), warn: emit('warn'), error: emit('error') };
}
