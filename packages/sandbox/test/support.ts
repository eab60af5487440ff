import { readFileSync } from 'node:fs';
import type { Hono } from 'hono';
import { afterThis } from '../../../scripts/test-processes/track.js';
import { SANDBOX_HOLDER } from '../src/identities.js';
import { type Listening, listen } from '../src/node.js';

/** Serves a simulator on a real loopback port for the file's tests; closed after them. */
export async function serveForSuite(app: Hono): Promise<Listening> {
  const server = await listen(app.fetch);
  afterThis(() => server.close());
  return server;
}

/** The sandbox's first cardholder with his card. */
export const HOLDER = SANDBOX_HOLDER;

/** The rows of the sandbox README's table that starts with `header` (its header and rule skipped). */
export function readmeTableRows(header: string): string[] {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(header);
  if (start < 0) return [];
  const lines = readme.slice(start).split('\n').slice(2);
  const end = lines.findIndex((line) => !line.startsWith('|'));
  return end < 0 ? lines : lines.slice(0, end);
}
