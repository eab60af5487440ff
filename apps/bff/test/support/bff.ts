import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, listen } from '@cardbind/sandbox/node';
import type { z } from 'zod';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import { type AppOptions, type Cardbind, type ConfigInput, createCardbind } from '../../src/app.js';
import type { BindOrderView } from '../../src/records/orders.js';
import type { ErrorBody } from '../../src/schemas.js';
import { written } from './pii.js';
import { API_KEY, BIND_BODY, baseConfig, ORIGIN, type Sandbox, startSandbox } from './sandbox.js';

/** What a bind create or read answers: the order (with the way to the bank when created), or a refusal. */
export type OrderAnswer = BindOrderView & { redirectUrl?: string } & Partial<ErrorBody>;

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
  const { serveNode } = await import('../../src/node/serve.js');
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

/**
 * A sandbox and a BFF on its base configuration (as `configure` changes it) served over HTTP in
 * this process, with a client for it: what most tests start from.
 */
export async function sandboxedBff(
  configure: (config: ConfigInput) => ConfigInput | Promise<ConfigInput> = (config) => config,
  options: AppOptions = {},
) {
  const sandbox = await startSandbox();
  const bff = await startBff(async (url) => configure(await baseConfig(sandbox, url)), options);
  return { sandbox, bff, client: new Client(bff.url) };
}

/** A fresh Idempotency-Key. */
export const newKey = () => `idem-${crypto.randomUUID()}`;

/** A minute's middle: a clock frozen there ends no per-minute limit window mid-test. */
export const midMinute = () => Math.floor(Date.now() / 60_000) * 60_000 + 30_000;

/**
 * The Node entry's server on the sandbox's base configuration, with `limits` and `extra` over it,
 * on a clock frozen mid-minute; with a client for it. Each test that takes one spends its own limits.
 */
export async function frozenNodeBff(
  sandbox: Sandbox,
  limits: ConfigInput['limits'] = {},
  extra: Partial<ConfigInput> = {},
) {
  const frozen = midMinute();
  const started = await startNodeBff(
    async (url) => {
      const config = await baseConfig(sandbox, url);
      return { ...config, ...extra, limits: { ...config.limits, ...limits } };
    },
    { now: () => frozen },
  );
  return { ...started, client: new Client(started.url) };
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

  /** A verification as the widget sends it: its token, and a fresh Idempotency-Key unless one is given. */
  verify(token: string, body: unknown, key = newKey(), headers: Record<string, string> = {}) {
    return this.post('/v1/verifications', body, {
      authorization: `Bearer ${token}`,
      'idempotency-key': key,
      ...headers,
    });
  }

  /** A bind order as the widget asks for it, with its token. */
  async bind(token: string, body: unknown = BIND_BODY) {
    const res = await this.post('/v1/bind-cards', body, { authorization: `Bearer ${token}` });
    return { res, json: (await res.json()) as OrderAnswer };
  }

  get(path: string, headers: Record<string, string> = {}) {
    return fetch(new URL(path, this.url), { headers: { origin: ORIGIN, ...headers }, redirect: 'manual' });
  }
}

/** An answer's JSON body, read as a refusal or anything else. */
export const json = async (res: Response) => (await res.json()) as { error?: { code: string }; [k: string]: unknown };

/** `value` as `schema` reads it, or an error naming what does not match. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`answer does not match its documented schema: ${result.error.message}`);
  return result.data;
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
