/**
 * The answer check's tally for the BFF suite: every test file writes how many answers its BFFs
 * held to their routes' declarations (support/setup.ts); at the end the total is printed, with the
 * files that ran a BFF whose answers could not be checked.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ANSWERS_DIR_ENV } from './count.js';

interface FileCount {
  file: string;
  ranBff: boolean;
  checked: number;
  unchecked: number;
  undeclared: string[];
}

export default function setup() {
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-test-answers-'));
  process.env[ANSWERS_DIR_ENV] = dir;
  return () => {
    const files: FileCount[] = readdirSync(dir).map((name) => JSON.parse(readFileSync(join(dir, name), 'utf8')));
    rmSync(dir, { recursive: true, force: true });
    const checked = files.reduce((sum, f) => sum + f.checked, 0);
    const undeclared = files.flatMap((f) => f.undeclared.map((p) => `${f.file}: ${p}`));
    const notTaking = files
      .filter((f) => f.unchecked > 0 || (f.ranBff && f.checked === 0))
      .map((f) => `${f.file} (${f.unchecked} answers unchecked)`);
    console.log(
      `\nanswer check: ${checked} answers held to their routes' declarations in ${files.filter((f) => f.checked > 0).length} test files` +
        ` (in this process and in the BFF processes the tests started); undeclared: ${undeclared.length}` +
        `${undeclared.length ? `\n  ${undeclared.join('\n  ')}` : ''}` +
        `\n  by file: ${files
          .filter((f) => f.checked > 0)
          .map((f) => `${f.file} ${f.checked}`)
          .join(', ')}` +
        `\n  not taking part (a BFF whose answers were not checked): ${notTaking.length ? notTaking.join(', ') : 'none'}`,
    );
    if (undeclared.length) process.exitCode = 1;
  };
}
