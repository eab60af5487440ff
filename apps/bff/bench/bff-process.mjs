// The BFF's Node entry in its own process, for the benches: configured from JSON, on a free
// port, its data in a fresh directory; resolves with its URL and a way to stop it. However the
// bench ends, the process it started ends with it.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

export async function startBffProcess(config) {
  const child = spawn(process.execPath, [new URL('../dist/entries/node.js', import.meta.url).pathname], {
    env: {
      ...process.env,
      PORT: '0',
      CARDBIND_DATA_DIR: mkdtempSync(join(tmpdir(), 'cardbind-bench-')),
      CARDBIND_CONFIG_JSON: JSON.stringify(config),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const kill = () => child.kill('SIGKILL');
  process.on('exit', kill);
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const found = /"url":"([^"]+)"/.exec(line)?.[1];
      if (found) resolve(found);
    });
    child.once('exit', (code) => reject(new Error(`the BFF exited (${code}) before listening`)));
  });
  return {
    url,
    stop() {
      process.off('exit', kill);
      child.kill();
    },
  };
}
