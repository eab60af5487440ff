import { readFile } from 'node:fs/promises';
import { isLoopbackHttp } from './loopback.js';

/**
 * What `.env` says the BFF's URL is (`CARDBIND_URL=`, as `init --dotenv` writes it), when that is
 * not where this run listens: the note to print, or undefined. `dev --port 8477` after a plain
 * `init` left `.env` pointing at 8787, and the merchant's server called nothing.
 */
export async function dotenvUrlNote(url: string, file = '.env'): Promise<string | undefined> {
  const text = await readFile(file, 'utf8').catch(() => '');
  const written = /^CARDBIND_URL=(.*)$/m.exec(text)?.[1]?.trim();
  if (!written || written === url) return undefined;
  const port = URL.canParse(written) ? new URL(written).port : '';
  return `note: ${file} says CARDBIND_URL=${written}, but this run listens on ${url}: update ${file}${port ? `, or start it with --port ${port}` : ''}.`;
}

/**
 * The port of a configuration's publicUrl when it is on this machine over http (what `init --port`
 * wrote for the sandbox): where `dev` listens unless told, so that `.env` and the page agree.
 */
export function loopbackPort(config: unknown): number | undefined {
  const publicUrl = (config as { publicUrl?: unknown } | undefined)?.publicUrl;
  if (typeof publicUrl !== 'string' || !URL.canParse(publicUrl)) return undefined;
  const url = new URL(publicUrl);
  if (!isLoopbackHttp(url)) return undefined;
  return url.port ? Number(url.port) : 80;
}
