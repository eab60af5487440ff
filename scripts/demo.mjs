#!/usr/bin/env node
// `pnpm demo`: builds the workspace, then starts the demo checkout (apps/demo):
// the provider simulators with the sandbox bank page, the BFF on Node and the
// merchant's server, all on loopback; prints the URL to open.
import { spawnSync } from 'node:child_process';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
// Ctrl-C reaches the demo too (same process group), which closes and exits 0:
// wait for it rather than die first, so the command ends quietly.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});
run(process.execPath, ['apps/demo/server/start.mjs']);
