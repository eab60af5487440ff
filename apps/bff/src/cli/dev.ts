/**
 * `cardbind dev`: the BFF on this machine with every provider simulator
 * in-process, for any page on the origins you name. Keys and merchants come
 * from the configuration file when there is one (`cardbind init`), otherwise
 * they are made for this run and the API key is printed. The providers are
 * always the simulators: dev never calls a real provider.
 */

import { SANDBOX_PROVIDER_NAMES, SANDBOX_ROUTING } from '@cardbind/sandbox';
import { serveSimulators } from '@cardbind/sandbox/node';
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import { createCardbind } from '../app.js';
import { ConfigError, parseConfig } from '../config/schema.js';
import { createNodeTransport } from '../node/transport.js';
import { CliError } from './errors.js';
import { originOf } from './init.js';
import { apiKeySha256, newApiKey, newFingerprintSecret, newSigningKey } from './secrets.js';

export interface DevOptions {
  /** The configuration file's content, if there is one. */
  fileConfig?: Record<string, unknown> | undefined;
  origins: string[];
  port: number;
  host: string;
  webhookUrl?: string | undefined;
  log: (line: string) => void;
}

export interface DevServer {
  url: string;
  /** Set when this run made the merchant (no configuration file). */
  apiKey?: string;
  merchantId: string;
  origins: string[];
  sandbox: Record<string, string>;
  close(): Promise<void>;
}

/** Dev-friendly limits (the sandbox has few cards, tried again and again); a file's own limits win. */
const DEV_LIMITS = { ipPerMinute: 1_000, cardPerDay: 1_000, idPerDay: 1_000, sessionAttempts: 20 };

/** Listens first (the port decides publicUrl), then builds the app behind it. */
function listenLate(port: number, host: string, handler: () => Hono | undefined): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve(
      {
        fetch: (request, env) => handler()?.fetch(request, env) ?? new Response('starting', { status: 503 }),
        port,
        hostname: host,
      },
      () => resolve(server),
    );
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new CliError(
            `port ${port} on ${host} is in use (another \`cardbind dev\`?). Choose another with --port <n> or PORT=<n>.`,
          ),
        );
      } else reject(error);
    });
  });
}

export async function dev(options: DevOptions): Promise<DevServer> {
  const origins = options.origins.map((o) => originOf(o, '--origin'));
  const file = options.fileConfig;
  if (!file && origins.length === 0) {
    throw new CliError(
      'name the origin of your page: `npx cardbind dev --origin http://localhost:3000` (or run `npx cardbind init` first)',
      2,
    );
  }
  let apiKey: string | undefined;
  let base: Record<string, unknown>;
  if (file) {
    // The file as written, held to the schema as `check` and `start` hold it (the same words),
    // before this run adds its origins and simulators to it.
    try {
      parseConfig(file);
    } catch (error) {
      throw asCliError(error);
    }
    base = file;
  } else {
    apiKey = newApiKey('test');
    base = {
      merchants: [{ id: 'shop', apiKeySha256: apiKeySha256(apiKey), allowedOrigins: origins }],
      signingKeys: [await newSigningKey()],
      fingerprintSecret: newFingerprintSecret(),
    };
  }
  const merchants = Array.isArray(base.merchants) ? [...(base.merchants as Record<string, unknown>[])] : [];
  const first = merchants[0];
  if (first) {
    const allowed = Array.isArray(first.allowedOrigins) ? (first.allowedOrigins as string[]) : [];
    merchants[0] = {
      ...first,
      allowedOrigins: [...new Set([...allowed, ...origins])],
      ...(options.webhookUrl ? { webhook: { url: options.webhookUrl, verificationResults: true } } : {}),
    };
  }

  const simulators = await serveSimulators();
  let app: Hono | undefined;
  let server: ServerType;
  try {
    server = await listenLate(options.port, options.host, () => app);
  } catch (error) {
    await simulators.close();
    throw error;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${port}`;
  const close = async () => {
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
    await new Promise<void>((done) => server.close(() => done()));
    await simulators.close();
  };

  try {
    const cardbind = createCardbind(
      {
        ...base,
        merchants,
        publicUrl: url,
        providers: simulators.configs,
        routing: SANDBOX_ROUTING,
        providerNames: { ...SANDBOX_PROVIDER_NAMES, ...(base.providerNames as object | undefined) },
        limits: { ...DEV_LIMITS, ...(base.limits as object | undefined) },
      },
      {
        clientIp: (c) => getConnInfo(c).remote.address,
        providerTransport: createNodeTransport(),
        log: options.log,
      },
    );
    app = cardbind.app;
    const stopDelivery = cardbind.outbox.start(cardbind.config.webhooks.pollMs);
    const merchant = cardbind.config.merchants[0];
    return {
      url,
      ...(apiKey ? { apiKey } : {}),
      merchantId: merchant?.id ?? '',
      origins: merchant?.allowedOrigins ?? [],
      sandbox: simulators.urls,
      async close() {
        await close();
        await stopDelivery();
      },
    };
  } catch (error) {
    await close();
    throw asCliError(error);
  }
}

/** A configuration found invalid, as the CLI says it (its problems, one a line); anything else as it is. */
function asCliError(error: unknown): unknown {
  return error instanceof ConfigError
    ? new CliError(`the configuration is not valid:\n  ${error.problems.join('\n  ')}`)
    : error;
}
