import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { track } from '../../../../scripts/test-processes/track.js';

/**
 * A configuration mistake is said the same way by `check`, `start` and `dev`, with its path and,
 * for a misspelt key, the key that was meant; broken JSON with its line and column. Each case
 * edits a working file from `cardbind init` and runs the three commands on it.
 */
const CARDBIND = fileURLToPath(new URL('../../bin/cardbind.js', import.meta.url));
const run = promisify(execFile);

async function cardbind(cwd: string, ...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CARDBIND, ...args], { cwd, timeout: 60_000 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

// biome-ignore lint/suspicious/noExplicitAny: a JSON file, edited in place
type Json = Record<string, any>;
type Edit = (config: Json) => void;
const CASES: { mistake: string; edit: Edit | string; says: string[] }[] = [
  {
    mistake: 'a misspelt limit (cardsPerDay)',
    edit: (c) => {
      c.limits = { cardsPerDay: 3 };
    },
    says: ['limits.cardsPerDay: unknown key (did you mean cardPerDay?)'],
  },
  {
    mistake: 'a misspelt required key (allowedOrigin)',
    edit: (c) => {
      c.merchants[0].allowedOrigin = c.merchants[0].allowedOrigins;
      delete c.merchants[0].allowedOrigins;
    },
    says: [
      'merchants.0.allowedOrigins: Invalid input: expected array, received undefined',
      'merchants.0.allowedOrigin: unknown key (did you mean allowedOrigins?)',
    ],
  },
  {
    mistake: 'a misspelt section (telemetery)',
    edit: (c) => {
      c.telemetery = { metrics: true };
    },
    says: ['telemetery: unknown key (did you mean telemetry?)'],
  },
  {
    mistake: 'a key nothing is near',
    edit: (c) => {
      c.webhooks = { deliverTo: 'x' };
    },
    says: ['webhooks.deliverTo: unknown key'],
  },
  {
    mistake: 'a number given as a string',
    edit: (c) => {
      c.limits = { cardPerDay: '5' };
    },
    says: ['limits.cardPerDay: Invalid input: expected number, received string'],
  },
  {
    mistake: 'broken JSON',
    edit: '{\n  "publicUrl": "http://127.0.0.1:8787",\n  "merchants": [}\n',
    says: ['cardbind.config.json is not valid JSON: value expected at line 3, column 17.'],
  },
];

let dir: string;
let working: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cardbind-config-'));
  await cardbind(dir, 'init', '--origin', 'http://localhost:3000');
  working = await readFile(join(dir, 'cardbind.config.json'), 'utf8');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const table: string[] = [];
afterAll(() => console.log(`\nconfig mistake → what check, start and dev say\n${table.join('\n')}\n`));

describe('config mistakes: the same words from check, start and dev', () => {
  for (const { mistake, edit, says } of CASES) {
    it(mistake, async () => {
      const config = JSON.parse(working) as Json;
      if (typeof edit === 'function') edit(config);
      await writeFile(join(dir, 'cardbind.config.json'), typeof edit === 'string' ? edit : JSON.stringify(config));
      for (const command of [['check'], ['start', '--port', '0'], ['dev', '--port', '0']]) {
        const { code, output } = await cardbind(dir, ...command);
        expect(code, `${command[0]}: ${output}`).toBe(1);
        for (const line of says) expect(output, command[0]).toContain(line);
      }
      table.push(`${mistake.padEnd(40)} | ${says.join(' / ')}`);
    });
  }
});

/** `cardbind <command>` until it says it listens (or exits): everything it printed until then. */
async function untilListening(command: string[]): Promise<{ code: number | string | null; output: string }> {
  const child = spawn(process.execPath, [CARDBIND, ...command], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let output = '';
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  await new Promise<void>((resolve) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (/"event":"listening"|the BFF on http/.test(output)) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(() => resolve());
  });
  child.kill('SIGINT');
  return { code: await exited, output };
}

describe('a file written for a newer cardbind (a rolling upgrade)', () => {
  const ignored = (key: string) =>
    `${key}: unknown to this cardbind (the file is for schemaVersion 2, this reads 1); ignored until this instance is upgraded`;

  it('its unknown keys are warnings, not errors: check passes, start and dev run and say what they ignore', async () => {
    const config = JSON.parse(working) as Json;
    expect(config.schemaVersion).toBe(1);
    config.schemaVersion = 2;
    config.limits = { cardPerDay: 5, cardsPerWeek: 20 };
    config.newSection = { on: true };
    await writeFile(join(dir, 'cardbind.config.json'), JSON.stringify(config));
    const check = await cardbind(dir, 'check');
    expect(check.code).toBe(0);
    for (const key of ['limits.cardsPerWeek', 'newSection']) expect(check.output).toContain(`warning  ${ignored(key)}`);
    for (const command of [
      ['start', '--port', '0', '--data-dir', join(dir, 'data')],
      ['dev', '--port', '0'],
    ]) {
      const run = await untilListening(command);
      expect(run.code, `${command[0]}: ${run.output}`).toBe(0);
      for (const key of ['limits.cardsPerWeek', 'newSection']) expect(run.output, command[0]).toContain(ignored(key));
    }
  });

  it('the same keys in a file of this version are refused; a newer file is still refused its other mistakes', async () => {
    const config = JSON.parse(working) as Json;
    config.limits = { cardsPerWeek: 20 };
    await writeFile(join(dir, 'cardbind.config.json'), JSON.stringify(config));
    expect((await cardbind(dir, 'check')).output).toContain('limits.cardsPerWeek: unknown key');
    config.schemaVersion = 2;
    config.limits = { cardsPerWeek: 20, cardPerDay: '5' };
    await writeFile(join(dir, 'cardbind.config.json'), JSON.stringify(config));
    const check = await cardbind(dir, 'check');
    expect(check.code).toBe(1);
    expect(check.output).toContain('limits.cardPerDay: Invalid input: expected number, received string');
    expect(check.output).not.toContain('limits.cardsPerWeek: unknown key');
  });
});
