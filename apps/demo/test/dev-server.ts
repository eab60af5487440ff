import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { listen } from '@cardbind/sandbox/node';
import { afterThis, track } from '../../../scripts/test-processes/track.js';

const CARDBIND = fileURLToPath(
  import.meta.resolve('@cardbind/bff/package.json').replace('package.json', 'bin/cardbind.js'),
);

export interface DevInfo {
  url: string;
  apiKey: string;
  merchantId: string;
  origins: string[];
}

/** `cardbind dev --json` as its own process, on a free port; killed when the test (or file) ends. */
export async function startDev(args: string[]): Promise<DevInfo> {
  const child = spawn(process.execPath, [CARDBIND, 'dev', '--json', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  const stderr: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => stderr.push(line));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line) as DevInfo));
    child.once('exit', (code) => reject(new Error(`cardbind dev exited ${code}: ${stderr.join('\n')}`)));
  });
}

/** A merchant's webhook endpoint: keeps each raw body. */
export async function startReceiver() {
  const bodies: string[] = [];
  const server = await listen(async (request) => {
    bodies.push(await request.text());
    return new Response(null, { status: 204 });
  });
  afterThis(() => server.close());
  return { url: server.url, bodies };
}

export async function eventually<T>(probe: () => T | undefined, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 25));
  }
}
