import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { track } from '../../../../scripts/test-processes/track.js';
import { written } from '../support/pii.js';
import { CARDBIND, cardbind, scratch } from './cli.js';

/** `init --live` for https://shop.example, with this public URL, into `file`. */
const initLive = (cwd: string, publicUrl: string, file: string) =>
  cardbind(cwd, 'init', '--live', '--origin', 'https://shop.example', '--public-url', publicUrl, '--config', file);

describe('cardbind init / check / keys rotate', () => {
  it('init writes a working sandbox configuration; the API key is printed once and only its hash kept', async () => {
    const dir = await scratch();
    const init = await cardbind(dir, 'init', '--origin', 'http://localhost:3000/checkout', '--dotenv', '.env');
    expect(init.code).toBe(0);
    const apiKey = /^\s+(sk_test_[A-Za-z0-9_-]{43})$/m.exec(init.stdout)?.[1] ?? '';
    expect(apiKey).not.toBe('');
    const file = join(dir, 'cardbind.config.json');
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(apiKey);
    const config = JSON.parse(text);
    expect(config.merchants[0]).toEqual({
      id: 'shop',
      apiKeySha256: createHash('sha256').update(apiKey).digest('hex'),
      allowedOrigins: ['http://localhost:3000'],
    });
    expect(config.signingKeys[0].privateJwk).toMatchObject({ kty: 'EC', crv: 'P-256' });
    expect(config.fingerprintSecret.length).toBeGreaterThanOrEqual(32);
    expect((await stat(file)).mode & 0o077).toBe(0);
    expect(await readFile(join(dir, '.env'), 'utf8')).toBe(
      `CARDBIND_API_KEY=${apiKey}\nCARDBIND_URL=http://127.0.0.1:8787\nCARDBIND_ORIGIN=http://localhost:3000\n`,
    );

    const check = await cardbind(dir, 'check');
    expect(check.code).toBe(0);
    expect(check.stdout).toContain('cardbind.config.json: ok');
    expect(check.stdout).toContain('warning  providers: none configured');

    const again = await cardbind(dir, 'init', '--origin', 'http://localhost:3000');
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      'cardbind: cardbind.config.json already exists. Pass --force to replace it (its keys and secrets are lost).\n',
    );
  });

  it('check names each path at fault and never a value; --live placeholders do not pass', async () => {
    const dir = await scratch();
    await cardbind(dir, 'init', '--origin', 'http://localhost:3000');
    const config = JSON.parse(await readFile(join(dir, 'cardbind.config.json'), 'utf8'));
    config.fingerprintSecret = 'short-secret-value';
    config.signingKeys[0].privateJwk.d = 'AAAA';
    config.routing = { verify3: ['rz'] };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(config));
    const bad = await cardbind(dir, 'check', 'bad.json');
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('problem  fingerprintSecret: must be at least 32 characters');
    expect(bad.stdout).not.toContain('short-secret-value');

    config.fingerprintSecret = 'x'.repeat(40);
    await writeFile(join(dir, 'bad.json'), JSON.stringify(config));
    const key = await cardbind(dir, 'check', 'bad.json');
    expect(key.stdout).toContain('problem  signingKeys.0.privateJwk: not a P-256 private key');
    expect(key.stdout).toContain('problem  routing.verify3: rz is not configured under providers');

    // Keys that a provider imports only at its first call, and a route to a provider without the capability.
    config.providers = {
      'tencent-faceid': {
        secretId: 'AKIDexample01',
        secretKey: 'example-secret-key',
        encryptionPublicKey: '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----',
      },
      'tencent-csec': { secretId: 'AKIDexample02', secretKey: 'example-secret-key' },
    };
    config.routing = { verify2: ['tencent-csec', 'tencent-faceid'] };
    await writeFile(join(dir, 'bad.json'), JSON.stringify(config));
    const routes = await cardbind(dir, 'check', 'bad.json');
    expect(routes.stdout).toContain(
      'problem  providers.tencent-faceid.encryptionPublicKey: not an RSA public key (SPKI PEM)',
    );
    expect(routes.stdout).toContain('problem  routing.verify2: tencent-csec does not offer verify2');
    expect(routes.stdout).not.toContain('routing.verify2: tencent-faceid');

    const live = await cardbind(dir, 'init', '--live', '--origin', 'https://shop.example', '--config', 'live.json');
    expect(live.code).toBe(2);
    expect(live.stderr).toContain('--live needs --public-url');
    await initLive(dir, 'https://cb.shop.example', 'live.json');
    const placeholders = await cardbind(dir, 'check', 'live.json');
    expect(placeholders.code).toBe(1);
    expect(placeholders.stdout).toContain('problem  providers.tencent-faceid.secretId: still a placeholder');
    expect(placeholders.stdout).toContain('problem  providers.aggregate-pay.merchantPrivateKey: still a placeholder');
  });

  it('init --live takes an https public URL, or a loopback one for staging, and says why', async () => {
    const dir = await scratch();
    const plain = await initLive(dir, 'http://cb.shop.example', 'plain.json');
    expect([plain.code, plain.stderr]).toEqual([
      2,
      expect.stringContaining('--live needs an https --public-url (http://cb.shop.example is not)'),
    ]);
    const staging = await initLive(dir, 'http://127.0.0.1:8787', 'staging.json');
    expect(staging.code).toBe(0);
  });

  it('every write of a secret leaves its file 0600: init, init --force, keys rotate, --dotenv appended; a loosened one is tightened, and said', async () => {
    const dir = await scratch();
    const config = join(dir, 'cardbind.config.json');
    const dotenv = join(dir, '.env');
    const ownerOnly = async (file: string) => ((await stat(file)).mode & 0o777).toString(8);
    const created = await cardbind(dir, 'init', '--origin', 'http://localhost:3000', '--dotenv', '.env');
    expect([created.code, await ownerOnly(config), await ownerOnly(dotenv)]).toEqual([0, '600', '600']);
    expect(created.stdout).not.toContain('tightened');

    // Files that existed with a looser mode (a checkout, a copy, an editor): a write's mode would not apply.
    await chmod(config, 0o644);
    await writeFile(dotenv, 'OTHER=1\n', { mode: 0o644 });
    await chmod(dotenv, 0o644);
    const forced = await cardbind(dir, 'init', '--origin', 'http://localhost:3000', '--force', '--dotenv', '.env');
    expect([forced.code, await ownerOnly(config), await ownerOnly(dotenv)]).toEqual([0, '600', '600']);
    expect(forced.stdout).toContain('tightened cardbind.config.json from mode 0644 to 0600: it holds secrets');
    expect(forced.stdout).toContain('tightened .env from mode 0644 to 0600: it holds secrets');
    expect(await readFile(dotenv, 'utf8')).toMatch(/^OTHER=1\nCARDBIND_API_KEY=sk_test_/);

    await chmod(config, 0o640);
    const rotated = await cardbind(dir, 'keys', 'rotate');
    expect([rotated.code, await ownerOnly(config)]).toEqual([0, '600']);
    expect(rotated.stdout).toContain('tightened cardbind.config.json from mode 0640 to 0600');
  });

  it('keys rotate: a fresh key signs, the old one verifies for a while, an expired one goes', async () => {
    const dir = await scratch();
    await cardbind(dir, 'init', '--origin', 'http://localhost:3000');
    const file = join(dir, 'cardbind.config.json');
    const before = JSON.parse(await readFile(file, 'utf8'));
    const rotated = await cardbind(dir, 'keys', 'rotate', '--verify-for', '600');
    expect(rotated.code).toBe(0);
    const after = JSON.parse(await readFile(file, 'utf8'));
    expect(after.signingKeys).toHaveLength(2);
    expect(after.signingKeys[1].kid).toBe(before.signingKeys[0].kid);
    expect(after.signingKeys[0].kid).not.toBe(before.signingKeys[0].kid);
    const until = Date.parse(after.signingKeys[1].verifyUntil);
    expect(until - Date.now()).toBeGreaterThan(500_000);
    expect(until - Date.now()).toBeLessThanOrEqual(600_000);
    after.signingKeys[1].verifyUntil = new Date(Date.now() - 1000).toISOString();
    await writeFile(file, JSON.stringify(after));
    expect((await cardbind(dir, 'check')).stdout).toContain(`warning  signingKeys.1: retired since`);
    await cardbind(dir, 'keys', 'rotate');
    const last = JSON.parse(await readFile(file, 'utf8'));
    expect(last.signingKeys.map((k: { kid: string }) => k.kid)).toEqual([expect.any(String), after.signingKeys[0].kid]);
    expect((await cardbind(dir, 'check')).code).toBe(0);
  });

  it('usage: --help exits 0, an unknown command or option exits 2 with the usage', async () => {
    const dir = await scratch();
    const help = await cardbind(dir, '--help');
    expect([help.code, help.stdout]).toEqual([0, expect.stringContaining('usage: cardbind <command>')]);
    const unknown = await cardbind(dir, 'deploy');
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('unknown command "deploy"')]);
    const option = await cardbind(dir, 'dev', '--prot', '1');
    expect(option.code).toBe(2);
    expect(option.stderr).toContain("Unknown option '--prot'");
    const noOrigin = await cardbind(dir, 'dev');
    expect([noOrigin.code, noOrigin.stderr]).toEqual([2, expect.stringContaining('--origin http://localhost:3000')]);
  });
});

describe('cardbind dev', () => {
  function startDev(cwd: string, ...args: string[]) {
    const child = spawn(process.execPath, [CARDBIND, 'dev', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    track(child);
    // Its log lines (JSON; not the banner, which prints the sandbox's test identities on purpose) are
    // scanned with the file's. Its own configuration checks no answers.
    written.ranBff = true;
    const out: string[] = [];
    const err: string[] = [];
    const log = (line: string) => line.startsWith('{') && written.logs.push(line);
    createInterface({ input: child.stdout }).on('line', (l) => out.push(l) && log(l));
    createInterface({ input: child.stderr }).on('line', (l) => err.push(l) && log(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    // Watches stdout for the banner's URL line; rejects if the process exits first.
    const listening = new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout }).on('line', (line) => {
        const url = /the BFF on (http:\/\/\S+),/.exec(line)?.[1];
        if (url) resolve(url);
      });
      void exited.then((code) => reject(new Error(`exited ${code}: ${err.join('\n')}`)));
    });
    listening.catch(() => {});
    return { child, out, err, exited, listening };
  }

  it('prints the URL and a key for this run, serves the widget, says so when the port is taken, and Ctrl-C exits 0', async () => {
    const dir = await scratch();
    const first = startDev(dir, '--origin', 'http://localhost:3000', '--port', '0');
    const url = await first.listening;
    expect(first.out.join('\n')).toMatch(/API key\s+sk_test_[A-Za-z0-9_-]{43}/);
    expect((await fetch(`${url}/widget/cardbind.js`)).status).toBe(200);

    const second = startDev(dir, '--origin', 'http://localhost:3000', '--port', new URL(url).port);
    expect(await second.exited).toBe(1);
    expect(second.err.join('\n')).toBe(
      `cardbind: port ${new URL(url).port} on 127.0.0.1 is in use (another \`cardbind dev\`?). Choose another with --port <n> or PORT=<n>.`,
    );

    first.child.kill('SIGINT');
    expect(await first.exited).toBe(0);
  });

  it('dev says so when .env names another URL than the one it listens on (init wrote 8787; this run took another port)', async () => {
    const dir = await scratch();
    await cardbind(dir, 'init', '--origin', 'http://localhost:3000', '--dotenv', '.env');
    const run = startDev(dir, '--port', '0');
    const url = await run.listening;
    const note = `note: .env says CARDBIND_URL=http://127.0.0.1:8787, but this run listens on ${url}: update .env, or start it with --port 8787.`;
    await expect.poll(() => run.out.join('\n')).toContain(note);
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('init --port picks the sandbox port once: the config, .env and a plain `dev` then agree (no note)', async () => {
    const dir = await scratch();
    const port = await freePort();
    const init = await cardbind(
      dir,
      'init',
      '--origin',
      'http://localhost:3001',
      '--port',
      String(port),
      '--dotenv',
      '.env',
    );
    expect(init.stdout).toContain(
      `also appended to .env as CARDBIND_API_KEY, with CARDBIND_URL=http://127.0.0.1:${port} and CARDBIND_ORIGIN=http://localhost:3001`,
    );
    expect(JSON.parse(await readFile(join(dir, 'cardbind.config.json'), 'utf8')).publicUrl).toBe(
      `http://127.0.0.1:${port}`,
    );
    const run = startDev(dir);
    expect(await run.listening).toBe(`http://127.0.0.1:${port}`);
    expect(run.out.join('\n')).not.toContain('note:');
    run.child.kill('SIGINT');
    expect(await run.exited).toBe(0);
  });

  it('start serves a configuration for production and stops cleanly; an invalid one does not start', async () => {
    const dir = await scratch();
    await cardbind(dir, 'init', '--origin', 'http://localhost:3000');
    // As in staging: every answer held to its route's declaration.
    const initial = JSON.parse(await readFile(join(dir, 'cardbind.config.json'), 'utf8'));
    await writeFile(join(dir, 'cardbind.config.json'), JSON.stringify({ ...initial, checkAnswers: true }));
    const child = spawn(process.execPath, [CARDBIND, 'start', '--port', '0', '--data-dir', join(dir, 'data')], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    track(child);
    written.ranBff = true;
    createInterface({ input: child.stderr }).on('line', (l) => written.logs.push(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const stdout = createInterface({ input: child.stdout });
    stdout.on('line', (l) => written.logs.push(l));
    // Its log first (what check warns of: no providers in a sandbox file), then the listening line.
    const line = await new Promise<string>((resolve) =>
      stdout.on('line', (l) => l.includes('"event":"listening"') && resolve(l)),
    );
    expect(written.logs.map((l) => JSON.parse(l))).toContainEqual({
      level: 'warn',
      msg: 'config_warning',
      warning: expect.stringMatching(/^providers: none configured\. /),
    });
    const { url } = JSON.parse(line) as { url: string };
    const jwks = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    const config = JSON.parse(await readFile(join(dir, 'cardbind.config.json'), 'utf8'));
    expect(jwks.keys.map((k) => k.kid)).toEqual([config.signingKeys[0].kid]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    config.publicUrl = 'not a url';
    await writeFile(join(dir, 'cardbind.config.json'), JSON.stringify(config));
    const refused = await cardbind(dir, 'start', '--port', '0');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('publicUrl:');
  });

  /** `cardbind start` on a fresh config, with CARDBIND_REDIS_URL at a port nothing listens on. */
  async function startOnClosedRedis(redisUrl: (port: number) => string, waitSeconds: number) {
    const dir = await scratch();
    const apiKey = /sk_test_[A-Za-z0-9_-]{43}/.exec(
      (await cardbind(dir, 'init', '--origin', 'http://localhost:3000')).stdout,
    )?.[0];
    const closed = await freePort();
    const port = await freePort();
    const child = spawn(process.execPath, [CARDBIND, 'start', '--port', String(port)], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CARDBIND_REDIS_URL: redisUrl(closed),
        CARDBIND_REDIS_WAIT_SECONDS: String(waitSeconds),
      },
    });
    track(child);
    const out: string[] = [];
    const err: string[] = [];
    const stdout = createInterface({ input: child.stdout });
    stdout.on('line', (l) => out.push(l));
    createInterface({ input: child.stderr }).on('line', (l) => err.push(l));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
    return { child, closed, port, apiKey, out, err, stdout, exited };
  }

  it('start against a Redis that refuses connections says what it waits for at once, then exits 1 at its deadline', async () => {
    const { closed, out, err, exited } = await startOnClosedRedis((port) => `redis://:hunter2@127.0.0.1:${port}`, 3);
    expect(await exited).toBe(1);
    // Said before it gave up (the first attempt's refusal), with where, why and how long is left; no password.
    const waiting = out.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.msg === 'redis_waiting');
    expect(waiting[0]).toMatchObject({
      level: 'warn',
      redisUrl: `redis://:***@127.0.0.1:${closed}`,
      error: expect.stringContaining('ECONNREFUSED'),
      secondsLeft: expect.any(Number),
    });
    expect(out.some((l) => l.includes('listening'))).toBe(false);
    expect(err.join('\n')).toContain(
      `cardbind: Redis at redis://:***@127.0.0.1:${closed} did not answer within 3 s (connect ECONNREFUSED 127.0.0.1:${closed}). Check CARDBIND_REDIS_URL; CARDBIND_REDIS_WAIT_SECONDS sets the wait.`,
    );
    expect([...out, ...err].join('\n')).not.toContain('hunter2');
  });

  it('start waiting for Redis answers probes meanwhile (alive, not ready, requests 503); stopped by SIGTERM, it says so and exits 1', async () => {
    const { child, port, apiKey, out, err, stdout, exited } = await startOnClosedRedis(
      (port) => `redis://127.0.0.1:${port}`,
      60,
    );
    // Once it says it waits, ask it what a load balancer would.
    const waiting = (line: string) => line.includes('redis_waiting');
    await new Promise<void>((resolve) => {
      if (out.some(waiting)) resolve();
      stdout.on('line', (l) => waiting(l) && resolve());
    });
    const base = `http://127.0.0.1:${port}`;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('1');
    expect(await ready.json()).toEqual({ status: 'unavailable', checks: { config: 'ok', store: 'unavailable' } });
    // A request that reads the store is refused at once, not left waiting.
    const read = await fetch(`${base}/v1/verifications/ver_${'0'.repeat(32)}`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(read.status).toBe(503);
    expect(((await read.json()) as { error: { code: string } }).error.code).toBe('STORE_UNAVAILABLE');
    child.kill('SIGTERM');
    expect(await exited).toBe(1);
    expect(err.join('\n')).toContain('cardbind: stopped by SIGTERM before it was ready (still waiting for Redis).');
  });
});
