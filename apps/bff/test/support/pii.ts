import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CARDHOLDERS, SCENARIO_CARDS } from '@cardbind/sandbox';

/**
 * Everything a test file's BFFs wrote: log lines (in-process and child
 * processes), store directories and exported telemetry. The setup file scans them after each
 * test file; nothing may hold a test identity's raw values.
 */
export const written = {
  logs: [] as string[],
  storeDirs: new Set<string>(),
  /** Exported telemetry: spans (as JSON) and metrics text. */
  telemetry: [] as string[],
  ranBff: false,
};

/** Every raw value of the test identities: names, ID numbers, phones, card numbers. */
export const RAW_PII: string[] = [
  ...CARDHOLDERS.flatMap((h) => [h.name, h.idNumber, h.phone, ...h.cards]),
  ...Object.values(SCENARIO_CARDS),
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** Where a raw value was found: "log line 12: …" or a store file's path. Empty when clean. */
export function findPii(): string[] {
  const found: string[] = [];
  written.logs.forEach((line, i) => {
    for (const raw of RAW_PII) if (line.includes(raw)) found.push(`log line ${i}: ${raw.slice(0, 2)}…`);
  });
  written.telemetry.forEach((text, i) => {
    for (const raw of RAW_PII) if (text.includes(raw)) found.push(`telemetry export ${i}: ${raw.slice(0, 2)}…`);
  });
  for (const dir of written.storeDirs) {
    for (const file of files(dir)) {
      const bytes = readFileSync(file);
      for (const raw of RAW_PII) if (bytes.includes(Buffer.from(raw))) found.push(`${file}: ${raw.slice(0, 2)}…`);
    }
  }
  return found;
}
