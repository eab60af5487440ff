import { serve } from '@hono/node-server';
import {
  type AggregatePaySimulator,
  type AggregatePaySimulatorOptions,
  createAggregatePaySimulator,
} from './aggregate-pay/app.js';
import {
  type CloudauthSimulator,
  type CloudauthSimulatorOptions,
  createCloudauthSimulator,
} from './alibaba-cloudauth/app.js';
import { sandboxProviderConfigs } from './provider-configs.js';
import { createRzSimulator, type RzSimulator, type RzSimulatorOptions } from './rz/app.js';
import { type CsecSimulator, type CsecSimulatorOptions, createCsecSimulator } from './tencent-csec/app.js';
import { createFaceIdSimulator, type FaceIdSimulator, type FaceIdSimulatorOptions } from './tencent-faceid/app.js';

export interface Listening {
  /** Base URL, e.g. `http://127.0.0.1:43210`. */
  url: string;
  close(): Promise<void>;
}

/** Serves a fetch handler on loopback (port 0 picks a free one). Node entry point. */
export function listen(fetch: (request: Request) => Response | Promise<Response>, port = 0): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname: '127.0.0.1' }, (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        close: () =>
          new Promise<void>((done) => {
            // Drop keep-alive and hanging connections so close() returns promptly.
            (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
            server.close(() => done());
          }),
      });
    });
    server.once('error', reject);
  });
}

/**
 * A loopback port nobody listens on right now, for a process started next that must be told its
 * port. It is taken below the range the system hands out for "any port" (Linux 32768–60999,
 * macOS and Windows 49152+), so no listener or outgoing connection is given it meanwhile: one
 * picked from that range was, on a machine busy with other suites, before its process listened.
 * Node entry point.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    try {
      await (await listen(() => new Response(null, { status: 404 }), port)).close();
      return port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
  throw new Error('freePort: no free port between 20000 and 32000 after 100 tries');
}

/** The simulators, by the provider id the BFF's configuration uses. */
export const SIMULATOR_IDS = ['tencent-faceid', 'tencent-csec', 'rz', 'aggregate-pay', 'alibaba-cloudauth'] as const;
export type SimulatorId = (typeof SIMULATOR_IDS)[number];

export interface ServeSimulatorsOptions {
  faceid?: FaceIdSimulatorOptions;
  csec?: CsecSimulatorOptions;
  rz?: RzSimulatorOptions;
  aggregate?: AggregatePaySimulatorOptions;
  cloudauth?: CloudauthSimulatorOptions;
  /** A fixed port per simulator; the others take any free one. */
  ports?: Partial<Record<SimulatorId, number>>;
}

export interface ServedSimulators {
  faceid: FaceIdSimulator;
  csec: CsecSimulator;
  rz: RzSimulator;
  aggregate: AggregatePaySimulator;
  cloudauth: CloudauthSimulator;
  /** Base URL per simulator. */
  urls: Record<SimulatorId, string>;
  /** The BFF's `providers` for these URLs. */
  configs: ReturnType<typeof sandboxProviderConfigs>;
  close(): Promise<void>;
}

/**
 * Every provider simulator on its own loopback listener: what `cardbind dev`,
 * the demo and the `cardbind-sandbox` command start. On a failure to listen
 * (a port in use), the ones already listening are closed again.
 */
export async function serveSimulators(options: ServeSimulatorsOptions = {}): Promise<ServedSimulators> {
  const faceid = createFaceIdSimulator(options.faceid);
  const csec = createCsecSimulator(options.csec);
  const rz = createRzSimulator(options.rz);
  const aggregate = createAggregatePaySimulator(options.aggregate);
  const cloudauth = createCloudauthSimulator(options.cloudauth);
  const apps: Record<SimulatorId, (request: Request) => Response | Promise<Response>> = {
    'tencent-faceid': faceid.app.fetch,
    'tencent-csec': csec.app.fetch,
    rz: rz.app.fetch,
    'aggregate-pay': aggregate.app.fetch,
    'alibaba-cloudauth': cloudauth.app.fetch,
  };
  const servers: Listening[] = [];
  const close = () => Promise.all(servers.map((s) => s.close())).then(() => undefined);
  const urls = {} as Record<SimulatorId, string>;
  try {
    for (const id of SIMULATOR_IDS) {
      const server = await listen(apps[id], options.ports?.[id] ?? 0);
      servers.push(server);
      urls[id] = server.url;
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { faceid, csec, rz, aggregate, cloudauth, urls, configs: sandboxProviderConfigs(urls), close };
}
