/**
 * Bun entry: `bun dist/entries/bun.js`. Configuration from the environment
 * (CARDBIND_CONFIG_JSON, which Bun also reads from `.env` files), PORT and
 * HOST, and CARDBIND_REDIS_URL for the shared store.
 */
import { serveUntilSignalled } from '../runtime.js';

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

await serveUntilSignalled(
  Bun.env,
  { clientIp: (c) => (c.env as { ip?: string } | undefined)?.ip },
  (cardbind) => {
    const server = Bun.serve({
      port: Number(Bun.env.PORT ?? 8787),
      hostname: Bun.env.HOST ?? '127.0.0.1',
      fetch: (request, server) => cardbind.app.fetch(request, { ip: server.requestIP(request)?.address }),
    });
    console.log(JSON.stringify({ event: 'listening', url: server.url.origin }));
    return { close: () => server.stop() };
  },
  { onSignal: (signal, handler) => process.once(signal, handler), exit: (code) => process.exit(code) },
);
