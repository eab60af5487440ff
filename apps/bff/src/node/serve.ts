/**
 * Running the BFF as a Node process: the embedded LevelDB store by default
 * (orders, outbox and idempotency records survive a restart) or Redis for
 * several instances, the connection's address for the per-IP limit, and the
 * webhook delivery loop.
 */
import { type ServerType, serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type AppOptions, type Cardbind, createCardbind, parseConfig } from '../app.js';
import { LevelStore } from '../store/level/store.js';
import { PendingStore } from '../store/pending.js';
import { connectRedisStore, logRedisState } from '../store/redis/connect.js';
import { prometheusMetrics } from '../telemetry/prometheus.js';
import { nodeEncoders } from './brotli.js';
import { createNodeTransport } from './transport.js';

export { LevelStore, type LevelStoreOptions } from '../store/level/store.js';
export { type PrometheusOptions, prometheusMetrics } from '../telemetry/prometheus.js';
export { createNodeTransport, type NodeTransportOptions } from './transport.js';

export interface NodeServerOptions extends AppOptions {
  port?: number;
  hostname?: string;
  /** Directory of the embedded store, used when neither `store` nor `redisUrl` is given. */
  dataDir?: string;
  /**
   * The embedded store fsyncs every write (`LevelStore`'s `sync`): what was acknowledged survives a
   * power loss too, not only the process being killed. Slower.
   */
  dataSync?: boolean;
  /** `redis://…`: share limits, orders and the outbox with every instance on this Redis. */
  redisUrl?: string;
  /** How long to wait for Redis at start before giving up (`RedisUnreachableError`); default 30 s. */
  redisConnectDeadlineMs?: number;
}

export interface NodeServer extends Cardbind {
  url: string;
  server: ServerType;
  /** Stops accepting requests, stops the delivery loop and closes the store. */
  close(): Promise<void>;
}

export async function serveNode(input: unknown, options: NodeServerOptions = {}): Promise<NodeServer> {
  const config = parseConfig(input);
  const log = options.log ?? ((line: string) => console.log(line));
  // Redis is connected after the port listens: meanwhile /readyz answers 503 and /healthz 200.
  const pending = !options.store && options.redisUrl ? new PendingStore() : undefined;
  const store =
    options.store ??
    pending ??
    (await new LevelStore(options.dataDir ?? '.cardbind-data', {
      sync: options.dataSync ?? false,
      // The app's clock is the store's: what expires does so on the same time the limits count.
      ...(options.now ? { now: options.now } : {}),
    }).open());
  const cardbind = createCardbind(config, {
    clientIp: (c) => getConnInfo(c).remote.address,
    // Provider calls over keep-alive http.request: cheaper per call than the global fetch.
    providerTransport: createNodeTransport(),
    encoders: nodeEncoders,
    // GET /metrics, with `telemetry.metrics` (and the operator key it needs).
    ...(config.telemetry.metrics ? { metrics: prometheusMetrics() } : {}),
    ...options,
    store,
  });
  const hostname = options.hostname ?? '127.0.0.1';
  const listening = new Promise<{ server: ServerType; port: number }>((resolve, reject) => {
    const server = serve({ fetch: cardbind.app.fetch, port: options.port ?? 8787, hostname }, (info) =>
      resolve({ server, port: info.port }),
    );
    // EADDRINUSE and the like reject (the caller says what to do) instead of crashing the process.
    server.once('error', reject);
  });
  const { server, port } = await listening.catch(async (error: unknown) => {
    await store.close?.();
    throw error;
  });
  if (pending && options.redisUrl) {
    const redis = await connectRedisStore(options.redisUrl, {
      onStateChange: logRedisState(log, options.redisUrl),
      ...(options.redisConnectDeadlineMs ? { connectDeadlineMs: options.redisConnectDeadlineMs } : {}),
    }).catch(async (error: unknown) => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      throw error;
    });
    pending.attach(redis);
  }
  const stopDelivery = cardbind.outbox.start(cardbind.config.webhooks.pollMs);
  return {
    ...cardbind,
    url: `http://${hostname}:${port}`,
    server,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stopDelivery();
      // The operations page's last counts, while the store is still open (lost only on a crash).
      await cardbind.flush().catch(() => undefined);
      await store.close?.();
    },
  };
}
