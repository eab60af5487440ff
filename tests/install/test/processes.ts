import { execFile, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';

import { track } from '../../../scripts/test-processes/track.js';

/** Loopback ports for the processes these tests start: the sandbox's helper. */
export { freePort } from '@cardbind/sandbox/node';

const exec = promisify(execFile);

/** The environment a merchant's shell would have: none of the variables pnpm and vitest add. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_|PNPM_|VITEST|NODE_OPTIONS$|TURBO_)/i.test(key)),
  );
  return { ...env, ...extra };
}

/** A shell command line, as typed in a terminal; throws with its output when it fails. */
export async function sh(command: string, cwd: string, env: NodeJS.ProcessEnv) {
  try {
    return await exec('bash', ['-c', command], { cwd, env, maxBuffer: 16 << 20 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`\`${command}\` failed: ${e.message}\n${e.stdout ?? ''}\n${e.stderr ?? ''}`);
  }
}

export interface Server {
  url: string;
  lines: string[];
  /** Resolves with the first output line matching `pattern`. */
  waitFor(pattern: RegExp): Promise<string>;
}

/**
 * Starts a long-running command (`npx <bin> …` or `node …`) as one process,
 * without a shell or npx in between so that the kill at the end of the test
 * reaches it; resolves once it prints its URL.
 */
export async function serve(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<Server> {
  if (/["'`$|&;<>]/.test(command)) throw new Error(`not a plain command: ${command}`);
  const [program, ...args] = command.split(/\s+/);
  const argv =
    program === 'npx'
      ? [`${cwd}/node_modules/.bin/${args[0]}`, ...args.slice(1)]
      : program === 'node'
        ? [process.execPath, ...args]
        : [program ?? '', ...args];
  const child = spawn(argv[0] ?? '', argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  const onLine = (line: string) => {
    lines.push(line);
    for (const w of waiters.filter((w) => w.pattern.test(line))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(line);
    }
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`${command} exited ${code}:\n${lines.join('\n')}`))),
  );
  exited.catch(() => {});
  const waitFor = (pattern: RegExp) => {
    const found = lines.find((l) => pattern.test(l));
    if (found) return Promise.resolve(found);
    return Promise.race([new Promise<string>((resolve) => waiters.push({ pattern, resolve })), exited]);
  };
  const url = /https?:\/\/[^\s,"]+/.exec(await waitFor(/https?:\/\//))?.[0] ?? '';
  return { url, lines, waitFor };
}
