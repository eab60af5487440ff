/**
 * Bun entry: `bun dist/entries/bun.js`. Configuration from the environment
 * (CARDBIND_CONFIG_JSON, which Bun also reads from `.env` files), PORT and
 * HOST, and CARDBIND_REDIS_URL for the shared store.
 */
import { ConfigError } from '../app.js';
import { prepareCardbind } from '../runtime.js';

interface BunServer {
  requestIP(request: Request): { address: string } | null;
  stop(): Promise<void>;
  url: URL;
}
declare const Bun: {
  env: Record<string, string | undefined>;
  serve(options: {
    port: number;
    hostname: string;
    fetch: (request: Request, server: BunServer) => Response | Promise<Response>;
  }): BunServer;
};

try {
  const { cardbind, stop } = await prepareCardbind(Bun.env, {
    clientIp: (c) => (c.env as { ip?: string } | undefined)?.ip,
  });
  const server = Bun.serve({
    port: Number(Bun.env.PORT ?? 8787),
    hostname: Bun.env.HOST ?? '127.0.0.1',
    fetch: (request, server) => cardbind.app.fetch(request, { ip: server.requestIP(request)?.address }),
  });
  console.log(JSON.stringify({ event: 'listening', url: server.url.origin }));
  const shutdown = () =>
    void server
      .stop()
      .then(stop)
      .then(() => process.exit(0));
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(78);
}
