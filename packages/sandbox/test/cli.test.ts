import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { record } from '../../../scripts/test-processes/track.js';
import { freePort, SIMULATOR_IDS } from '../src/node.js';

const cli = fileURLToPath(new URL('../dist/cli/cardbind-sandbox.js', import.meta.url));

function firstLine(child: ReturnType<typeof spawn>): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve(out.slice(0, nl));
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
}

/** Runs the CLI to its exit: its code and everything it printed on each stream. */
async function run(args: string[]) {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  record(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString();
  });
  const [code] = await once(child, 'exit');
  return { code, out, err };
}

describe('cardbind-sandbox CLI', () => {
  /** Port 0 for each: any free one (the defaults are fixed, and this suite runs beside others). */
  const anyPorts = SIMULATOR_IDS.flatMap((id) => [`--${id}-port`, '0']);

  it('starts every simulator on loopback and prints their URLs as the first line', async () => {
    const child = spawn(process.execPath, [cli, ...anyPorts], { stdio: ['ignore', 'pipe', 'pipe'] });
    record(child);
    try {
      const urls = JSON.parse(await firstLine(child)) as Record<string, string>;
      expect(Object.keys(urls).sort()).toEqual([...SIMULATOR_IDS].sort());
      const ports = new Set(Object.values(urls).map((u) => new URL(u).port));
      expect(ports.size).toBe(Object.keys(urls).length);
      for (const url of Object.values(urls)) expect(new URL(url).hostname).toBe('127.0.0.1');
      // The FaceID simulator answers at the root path, with the real error shape.
      const res = await fetch(urls['tencent-faceid'] ?? '', { method: 'POST', body: '{}' });
      const json = (await res.json()) as { Response: { Error: { Code: string } } };
      expect(json.Response.Error.Code).toBe('AuthFailure.InvalidAuthorization');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('takes fixed ports', async () => {
    const port = await freePort();
    // The others on any free port (the last of a repeated option wins).
    const child = spawn(process.execPath, [cli, ...anyPorts, '--tencent-csec-port', String(port)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    record(child);
    try {
      const urls = JSON.parse(await firstLine(child)) as Record<string, string>;
      expect(urls['tencent-csec']).toBe(`http://127.0.0.1:${port}`);
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('--print-config prints the providers and routing for the default ports and exits, starting nothing', async () => {
    const { code, out } = await run(['--print-config']);
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    const config = JSON.parse(out) as {
      providers: Record<string, { endpoint?: string; baseUrl?: string }>;
      routing: Record<string, string[]>;
    };
    expect(Object.keys(config.providers).sort()).toEqual([...SIMULATOR_IDS].sort());
    expect(config.routing.verify3).toEqual(['tencent-faceid', 'tencent-csec']);
    expect(config.providers['tencent-faceid']?.endpoint).toBe('http://127.0.0.1:8791');
    expect(config.providers['aggregate-pay']?.baseUrl).toBe('http://127.0.0.1:8794');
  });

  it('--print-config with the ports of a run prints a configuration that works against that run', async () => {
    const ports = await Promise.all(SIMULATOR_IDS.map(() => freePort()));
    const args = SIMULATOR_IDS.flatMap((id, i) => [`--${id}-port`, String(ports[i])]);
    const print = spawn(process.execPath, [cli, ...args, '--print-config'], { stdio: ['ignore', 'pipe', 'pipe'] });
    record(print);
    const config = JSON.parse(await firstLine(print)) as { providers: Record<string, { endpoint?: string }> };
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    record(child);
    try {
      await firstLine(child);
      // The printed endpoint is the live simulator: an unsigned call gets FaceID's real auth error.
      const res = await fetch(config.providers['tencent-faceid']?.endpoint ?? '', { method: 'POST', body: '{}' });
      const json = (await res.json()) as { Response: { Error: { Code: string } } };
      expect(json.Response.Error.Code).toBe('AuthFailure.InvalidAuthorization');
    } finally {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('--print-config refuses port 0 (unknown until started), exit 2', async () => {
    const { code, err } = await run(['--rz-port', '0', '--print-config']);
    expect(code).toBe(2);
    expect(err).toContain('--print-config needs fixed ports (--rz-port 0: any free port, unknown until they start)');
  });

  it('--help prints the usage and exits 0; an unknown option is refused with the usage and exit code 2', async () => {
    for (const [args, code] of [
      [['--help'], 0],
      [['-h'], 0],
      [['--nope'], 2],
    ] as const) {
      const result = await run([...args]);
      expect([args[0], result.code]).toEqual([args[0], code]);
      expect(result.out + result.err).toContain('usage: cardbind-sandbox');
    }
  });

  it('refuses a bad port with a clear message and exit code 2', async () => {
    const { code, err } = await run(['--tencent-faceid-port', 'abc']);
    expect(code).toBe(2);
    expect(err).toContain('--tencent-faceid-port must be a port number');
  });
});
