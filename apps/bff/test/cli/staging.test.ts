/**
 * Staging as docs/going-live.md describes it: `cardbind start` (production mode) with a
 * configuration from `init --staging`, its providers the simulators `cardbind-sandbox` serves.
 * Here on free ports (the documented path for when the defaults are taken: the same ports to
 * `--print-config` and to the run), so that it never meets a sandbox already running.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CARDHOLDERS } from '@cardbind/sandbox';
import { freePort, SIMULATOR_IDS } from '@cardbind/sandbox/node';
import { expect, it } from 'vitest';
import { track } from '../../../../scripts/test-processes/track.js';
import { written } from '../support/pii.js';
import { CARDBIND, cardbind, scratch } from './cli.js';

const SANDBOX = fileURLToPath(new URL('../../../../packages/sandbox/dist/cli/cardbind-sandbox.js', import.meta.url));

/**
 * Starts `args` and resolves with its first stdout line (its JSON "I am up" line); with `logs`, its
 * later lines go to the scan for raw card, ID, name and phone values.
 */
function firstLine(args: string[], cwd: string, logs = false): Promise<string> {
  const child = spawn(process.execPath, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const err: string[] = [];
  createInterface({ input: child.stderr }).on('line', (l) => err.push(l) && logs && written.logs.push(l));
  return new Promise((resolve, reject) => {
    const stdout = createInterface({ input: child.stdout });
    stdout.once('line', (line) => {
      if (logs) stdout.on('line', (l) => written.logs.push(l));
      resolve(line);
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}: ${err.join('\n')}`)));
  });
}

it('init --staging, cardbind-sandbox, cardbind start: a verification against the simulators, in production mode', async () => {
  const dir = await scratch();
  const origin = 'http://localhost:3000';
  const init = await cardbind(dir, 'init', '--staging', '--origin', origin);
  expect(init.stdout).toContain('staging: start the simulators with `npx cardbind-sandbox`, then `npx cardbind start`');
  const apiKey = /sk_test_[A-Za-z0-9_-]{43}/.exec(init.stdout)?.[0] ?? '';
  const file = join(dir, 'cardbind.config.json');
  const config = JSON.parse(await readFile(file, 'utf8'));
  // Written for the simulators' default ports …
  expect(config.providers['tencent-faceid'].endpoint).toBe('http://127.0.0.1:8791');
  // … which a staging run on a busy machine moves: the same ports to --print-config and to the run.
  const ports = SIMULATOR_IDS.flatMap((id) => [`--${id}-port`, '']);
  for (let i = 1; i < ports.length; i += 2) ports[i] = String(await freePort());
  const printed = JSON.parse(await firstLine([SANDBOX, ...ports, '--print-config'], dir));
  // (And, as a staging run should, every answer held to its route's declaration.)
  await writeFile(file, JSON.stringify({ ...config, ...printed, checkAnswers: true }));
  expect((await cardbind(dir, 'check')).code).toBe(0);
  await firstLine([SANDBOX, ...ports], dir);

  written.ranBff = true;
  const listening = await firstLine([CARDBIND, 'start', '--port', '0', '--data-dir', join(dir, 'data')], dir, true);
  const { url } = JSON.parse(listening) as { url: string };
  const session = await fetch(`${url}/v1/sessions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ operations: ['verify3'], origin }),
  });
  const { token } = (await session.json()) as { token: string };
  const holder = CARDHOLDERS[0];
  const verification = await fetch(`${url}/v1/verifications`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      origin,
      'content-type': 'application/json',
      'idempotency-key': crypto.randomUUID(),
    },
    body: JSON.stringify({
      kind: 3,
      name: holder?.name,
      idNumber: holder?.idNumber,
      cardNumber: holder?.cards[0],
      consent: true,
    }),
  });
  expect(verification.status).toBe(200);
  expect(await verification.json()).toMatchObject({ outcome: { status: 'verified' } });
});
