#!/usr/bin/env node
// `pnpm demo`: builds the workspace and starts whatever is runnable so far.
// Until the checkout page (apps/demo) lands: the provider simulators and the
// BFF on Node, wired to them, with a printed walk-through.
import { spawn, spawnSync } from 'node:child_process';
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);

if (existsSync('apps/demo/package.json')) {
  run('pnpm', ['--filter', '@cardbind/demo', 'start']);
  process.exit(0);
}

const children = [];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

/** Starts a process and resolves with the first line it prints (set CARDBIND_DEMO_LOGS=1 to see the rest). */
function start(cmd, args, env = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  children.push(child);
  return new Promise((resolve, reject) => {
    let first = true;
    // Keep draining stdout (a full pipe would stall the child); later lines are its logs.
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (first) resolve(line);
      else if (process.env.CARDBIND_DEMO_LOGS) console.log(line);
      first = false;
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

console.log('cardbind demo: the checkout page is not built yet; starting the sandbox simulators and the BFF.\n');
const urls = JSON.parse(await start('node', ['packages/sandbox/dist/bin/cardbind-sandbox.js']));
const { sandboxProviderConfigs } = await import('../packages/sandbox/dist/index.js');
const configs = sandboxProviderConfigs(urls);

const apiKey = `sk_demo_${randomBytes(12).toString('hex')}`;
const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const port = Number(process.env.PORT ?? 8787);
const publicUrl = `http://127.0.0.1:${port}`;
const origin = 'http://127.0.0.1:5173';
const config = {
  publicUrl,
  merchants: [
    { id: 'demo-shop', apiKeySha256: createHash('sha256').update(apiKey).digest('hex'), allowedOrigins: [origin] },
  ],
  signingKeys: [{ kid: 'demo-1', privateJwk: privateKey.export({ format: 'jwk' }) }],
  fingerprintSecret: randomBytes(32).toString('hex'),
  providers: {
    'tencent-faceid': configs.tencentFaceid,
    'tencent-csec': configs.tencentCsec,
    rz: configs.rz,
    'aggregate-pay': {
      ...configs.aggregatePay,
      submitUrlPolicy: undefined,
      allowedSubmitHosts: configs.aggregatePay.submitUrlPolicy.allowedHosts,
      allowHttpLoopback: true,
    },
  },
  routing: {
    verify3: ['tencent-faceid', 'tencent-csec'],
    verify4: ['tencent-faceid', 'rz'],
    bindCard: ['aggregate-pay'],
  },
};
delete config.providers['aggregate-pay'].submitUrlPolicy;
await start('node', ['apps/bff/dist/entries/node.js'], {
  CARDBIND_CONFIG_JSON: JSON.stringify(config),
  PORT: String(port),
  // Fresh keys each run, so a fresh store too.
  CARDBIND_DATA_DIR: mkdtempSync(join(tmpdir(), 'cardbind-demo-')),
});

console.log(`simulators: ${JSON.stringify(urls)}`);
console.log(`BFF:        ${publicUrl}   (merchant API key for this run: ${apiKey})\n`);
console.log('Try it (sandbox identities are in the README):');
console.log(`  TOKEN=$(curl -s ${publicUrl}/v1/sessions -H 'authorization: Bearer ${apiKey}' -H 'content-type: application/json' \\
    -d '{"operations":["verify3"],"origin":"${origin}"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).token')`);
console.log(`  curl -s ${publicUrl}/v1/verifications -H "authorization: Bearer $TOKEN" -H 'origin: ${origin}' \\
    -H 'idempotency-key: demo-0001' -H 'content-type: application/json' \\
    -d '{"kind":3,"name":"张三","idNumber":"11010519491231002X","cardNumber":"6222020000000001008","consent":true}'\n`);
console.log('Ctrl-C stops everything.');
