import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  CARDHOLDERS,
  createAggregatePaySimulator,
  createCsecSimulator,
  createFaceIdSimulator,
  createRzSimulator,
  sandboxProviderConfigs,
} from '@cardbind/sandbox';
import { freePort, type Listening, listen } from '@cardbind/sandbox/node';

export { freePort };

import { exportJWK, generateKeyPair } from 'jose';
import { afterThis, track } from '../../../scripts/test-processes/track.js';
import { type AppOptions, type Cardbind, type ConfigInput, createCardbind } from '../src/app.js';
import { written } from './pii.js';

export const API_KEY = 'sk_test_cardbind_0123456789abcdef';

/** 张三: the first sandbox cardholder, and the bodies most tests send for them. */
export const HOLDER = CARDHOLDERS[0] ?? { name: '', idNumber: '', phone: '', cards: [''] };
export const VERIFY3 = {
  kind: 3,
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  cardNumber: HOLDER.cards[0],
  consent: true,
};
export const BIND_BODY = {
  bankCode: 'ICBC',
  bankCardType: 'DEBIT',
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  phone: HOLDER.phone,
  consent: true,
};
export const ORIGIN = 'http://shop.localhost:5173';

export async function signingKey(kid: string) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateJwk: (await exportJWK(privateKey)) as { kty: 'EC'; crv: 'P-256'; x: string; y: string; d: string },
  };
}

/**
 * Every simulator on its own loopback listener, as the CLI would start them.
 * `tap` sees each request as it arrives (to time or count provider calls; the
 * simulator waits for it), `answered` each answer before it is sent back.
 */
export async function startSandbox(
  options: {
    aggregate?: Parameters<typeof createAggregatePaySimulator>[0];
    tap?: (provider: string, request: Request) => void | Promise<void>;
    answered?: (provider: string, request: Request) => void | Promise<void>;
  } = {},
) {
  const faceid = createFaceIdSimulator({ qps: 10_000 });
  const csec = createCsecSimulator();
  const rz = createRzSimulator();
  const aggregate = createAggregatePaySimulator({ notifier: { firstDelayMs: 20 }, ...options.aggregate });
  const serve = (id: string, fetch: (request: Request) => Response | Promise<Response>) =>
    listen(async (request) => {
      await options.tap?.(id, request);
      const response = await fetch(request);
      await options.answered?.(id, request);
      return response;
    });
  const servers: Record<string, Listening> = {
    'tencent-faceid': await serve('tencent-faceid', faceid.app.fetch),
    'tencent-csec': await serve('tencent-csec', csec.app.fetch),
    rz: await serve('rz', rz.app.fetch),
    'aggregate-pay': await serve('aggregate-pay', aggregate.app.fetch),
  };
  afterThis(() => Promise.all(Object.values(servers).map((s) => s.close())));
  const urls = Object.fromEntries(Object.entries(servers).map(([k, s]) => [k, s.url]));
  return { faceid, csec, rz, aggregate, urls, configs: sandboxProviderConfigs(urls) };
}

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

export async function baseConfig(sandbox: Sandbox, publicUrl: string): Promise<ConfigInput> {
  const { configs } = sandbox;
  return {
    // Every answer is held to its route's declaration; the setup file fails a file with one that is not.
    checkAnswers: true,
    publicUrl,
    merchants: [
      {
        id: 'shop',
        apiKeySha256: createHash('sha256').update(API_KEY).digest('hex'),
        allowedOrigins: [ORIGIN],
      },
    ],
    signingKeys: [await signingKey('k1')],
    fingerprintSecret: 'f'.repeat(48),
    providers: configs,
    routing: {
      verify2: ['tencent-faceid'],
      verify3: ['tencent-faceid', 'tencent-csec'],
      verify4: ['tencent-faceid', 'rz'],
      bindCard: ['aggregate-pay'],
    },
  };
}

/** A BFF in this process, its log lines kept (and scanned, and its answers counted, after the file). */
export function inProcessBff(config: unknown, options: AppOptions = {}): Cardbind {
  written.ranBff = true;
  return createCardbind(config, { log: (line) => written.logs.push(line), ...options });
}

/** Serves a BFF on loopback; the app is built once the URL (its publicUrl) is known. */
export async function startBff(
  config: (publicUrl: string) => Promise<ConfigInput>,
  options: AppOptions = {},
): Promise<{ url: string; logs: string[]; cardbind: Cardbind }> {
  const logs = written.logs;
  written.ranBff = true;
  let app: Cardbind['app'] | undefined;
  const server = await listen((request) => (app ? app.fetch(request) : new Response('starting', { status: 503 })));
  const cardbind = createCardbind(await config(server.url), { log: (line) => logs.push(line), ...options });
  app = cardbind.app;
  // The delivery loop, as the Node entry runs it.
  const stopDelivery = cardbind.outbox.start(cardbind.config.webhooks.pollMs);
  afterThis(async () => {
    await stopDelivery();
    await server.close();
  });
  return { url: server.url, logs, cardbind };
}

/**
 * The Node entry's server (serveNode: @hono/node-server, the embedded LevelDB
 * store, the socket address for per-IP limits) on a free loopback port.
 */
export async function startNodeBff(
  config: (publicUrl: string) => Promise<ConfigInput>,
  options: Pick<AppOptions, 'now' | 'fetch'> = {},
) {
  const { serveNode } = await import('../src/node/serve.js');
  const logs = written.logs;
  written.ranBff = true;
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cardbind-node-'));
  written.storeDirs.add(dataDir);
  const server = await serveNode(await config(`http://127.0.0.1:${port}`), {
    port,
    dataDir,
    log: (line) => logs.push(line),
    ...options,
  });
  afterThis(() => server.close());
  return { url: server.url, logs, cardbind: server };
}

export class Client {
  constructor(readonly url: string) {}

  async session(body: Record<string, unknown> = {}) {
    const res = await this.post(
      '/v1/sessions',
      {
        operations: ['verify3', 'verify4', 'bind'],
        origin: ORIGIN,
        returnUrl: `${ORIGIN}/checkout/done`,
        user: { userType: 'USER_ID', identifyId: 'u-1' },
        ...body,
      },
      { authorization: `Bearer ${API_KEY}` },
    );
    const json = (await res.json()) as { token: string };
    return json.token;
  }

  post(path: string, body: unknown, headers: Record<string, string> = {}) {
    return fetch(new URL(path, this.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  get(path: string, headers: Record<string, string> = {}) {
    return fetch(new URL(path, this.url), { headers: { origin: ORIGIN, ...headers }, redirect: 'manual' });
  }
}

/**
 * The browser's part of a bind, first half: open /r/<ticket> (a page that
 * POSTs the ticket back), POST it, and submit the form that comes back to the
 * bank page. `cookie` is what the BFF gave the browser that spent the ticket.
 */
export async function openBankPage(redirectUrl: string) {
  const interstitial = await fetch(redirectUrl);
  if (interstitial.status !== 200) throw new Error(`GET ${redirectUrl}: ${interstitial.status}`);
  const page = await fetch(redirectUrl, { method: 'POST' });
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const html = await page.text();
  const csp = page.headers.get('content-security-policy') ?? '';
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const bank = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const ref = /name="ref" value="([^"]+)"/.exec(await bank.text())?.[1] ?? '';
  return { html, csp, action, ref, cookie };
}

/** Second half: the cardholder decides on the bank page; the answer redirects back to the BFF. */
export function decideAtBank(action: string, ref: string, decision: 'approve' | 'decline') {
  return fetch(new URL('/bank/confirm', action), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ref, decision }).toString(),
    redirect: 'manual',
  });
}

export async function throughBank(redirectUrl: string, decision: 'approve' | 'decline') {
  const opened = await openBankPage(redirectUrl);
  return { ...opened, back: await decideAtBank(opened.action, opened.ref, decision) };
}

export interface Received {
  id: string;
  type: string;
  jws: string;
  /** Answered 2xx (the delivery counts), not 503. */
  accepted: boolean;
  /** The W3C trace context the delivery carried (when the BFF traces). */
  traceparent: string | null;
}

/**
 * The merchant's webhook endpoint: records every delivery; answers 503 while
 * `failing` is positive (counting down), 200 after.
 */
export async function startWebhookReceiver(options: { failing?: number } = {}) {
  const received: Received[] = [];
  const state = { failing: options.failing ?? 0 };
  const server = await listen(async (request) => {
    const jws = await request.text();
    const accepted = state.failing <= 0;
    received.push({
      id: request.headers.get('cardbind-event-id') ?? '',
      type: request.headers.get('cardbind-event-type') ?? '',
      jws,
      accepted,
      traceparent: request.headers.get('traceparent'),
    });
    if (accepted) return new Response(null, { status: 204 });
    state.failing -= 1;
    return new Response('down for maintenance', { status: 503 });
  });
  afterThis(() => server.close());
  return { url: server.url, received, state };
}

/** Sends `total` bytes as a chunked body (no content-length), as fast as the server reads them. */
export function chunkedUpload(url: string, path: string, total: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const req = request(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      const done = () => resolve({ status: res.statusCode ?? 0, body, sent });
      res.on('end', done);
      res.on('close', done);
    });
    // Once answered, the server closes the connection: a write error then is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}

/** Polls `check` until it returns a value (not undefined/false) or `ms` pass. */
export async function eventually<T>(check: () => Promise<T | undefined | false> | T | undefined | false, ms = 10_000) {
  const until = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

export interface Child {
  url: string;
  pid: number;
  lines: string[];
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<string>;
}

/**
 * Spawns `command`; every stdout/stderr line is kept (and scanned for PII);
 * killed when the test that started it ends (or after the file, when started
 * outside a test), and by the global teardown if anything outlives that.
 */
function spawnKept(command: string, args: string[], env: Record<string, string>) {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  written.ranBff = true;
  const lines: string[] = [];
  const exited = new Promise<string>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? String(code))),
  );
  const onLine = (line: string) => {
    lines.push(line);
    written.logs.push(line);
  };
  createInterface({ input: child.stdout }).on('line', onLine);
  createInterface({ input: child.stderr }).on('line', onLine);
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  track(child);
  return { child, lines, exited, kill };
}

/**
 * Starts a process that prints `{"url": …}` or `{"event":"listening","url": …}`
 * first on stdout.
 */
export async function spawnListening(
  command: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<Child> {
  const { child, lines, exited, kill } = spawnKept(command, args, env);
  const url = await new Promise<string>((resolve, reject) => {
    const onLine = (line: string) => {
      const match = /"url":"([^"]+)"/.exec(line);
      if (match?.[1]) resolve(match[1]);
    };
    createInterface({ input: child.stdout }).on('line', onLine);
    void exited.then((how) => reject(new Error(`${command} exited (${how}) before listening: ${lines.join('\n')}`)));
  });
  return { url, pid: child.pid ?? 0, lines, exited, kill };
}

/** Starts a server that prints nothing when ready (workerd): polls `readyUrl` until it answers 200. */
export async function spawnServing(
  command: string,
  args: string[],
  readyUrl: string,
  env: Record<string, string> = {},
): Promise<Child> {
  const { child, lines, exited, kill } = spawnKept(command, args, env);
  let gone: string | undefined;
  void exited.then((how) => {
    gone = how;
  });
  await eventually(async () => {
    if (gone !== undefined) throw new Error(`${command} exited (${gone}): ${lines.join('\n')}`);
    return (await fetch(readyUrl).catch(() => undefined))?.status === 200;
  }, 30_000);
  return { url: new URL(readyUrl).origin, pid: child.pid ?? 0, lines, exited, kill };
}
