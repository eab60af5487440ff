#!/usr/bin/env node
// `pnpm demo`: builds the workspace and starts whatever is runnable so far.
// The full merchant checkout (BFF + widget + sandbox) replaces this as it lands.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

if (existsSync('apps/demo/package.json')) {
  run('pnpm', ['--filter', '@cardbind/demo', 'start']);
} else if (existsSync('packages/sandbox/package.json')) {
  console.log('cardbind demo: the checkout demo is not built yet; starting the sandbox provider simulators.');
  run('pnpm', ['--filter', '@cardbind/sandbox', 'start']);
} else {
  console.log('cardbind demo: only @cardbind/core exists so far; here is its validation at work.\n');
  const v = await import('@cardbind/core/validation');
  const samples = [
    ['resident ID', v.validateResidentId, '11010519491231002x'],
    ['resident ID (15 digits)', v.validateResidentId, '610104620927690'],
    ['resident ID (bad check digit)', v.validateResidentId, '110105194912310021'],
    ['bank card', v.validateBankCard, '6212 8245 6576 1234 567'],
    ['bank card (fails Luhn)', v.validateBankCard, '6227003320240034988'],
    ['mobile', v.validateMobile, '+86 138-1234-5678'],
    ['name', v.validateName, '阿沛•阿旺晋美'],
  ];
  for (const [label, validate, input] of samples) {
    const { valid, value, errors, warnings } = validate(input);
    console.log(
      `${label.padEnd(30)} ${JSON.stringify(input).padEnd(28)} → ${JSON.stringify({ valid, value, errors, warnings })}`,
    );
  }
}
