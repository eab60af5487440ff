/**
 * Deno entry: `deno run --allow-net --allow-env dist/entries/deno.js`.
 * Configuration from the environment (CARDBIND_CONFIG_JSON; on Deno Deploy an
 * environment variable of the project, locally `--env-file`), PORT and HOST,
 * and CARDBIND_REDIS_URL for the shared store.
 */
import { serveUntilSignalled } from '../runtime.js';

declare const Deno: {
  env: { toObject(): Record<string, string> };
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { hostname: string; port: number }) => void },
    handler: (request: Request, info: { remoteAddr: { hostname: string } }) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: 'SIGTERM' | 'SIGINT', handler: () => void): void;
  exit(code: number): never;
};

const env = Deno.env.toObject();
await serveUntilSignalled(
  env,
  { clientIp: (c) => (c.env as { remoteAddr?: { hostname: string } } | undefined)?.remoteAddr?.hostname },
  (cardbind) => {
    const server = Deno.serve(
      {
        port: Number(env.PORT ?? 8787),
        hostname: env.HOST ?? '127.0.0.1',
        onListen: ({ hostname, port }) =>
          console.log(JSON.stringify({ event: 'listening', url: `http://${hostname}:${port}` })),
      },
      (request, info) => cardbind.app.fetch(request, { remoteAddr: info.remoteAddr }),
    );
    return { close: () => server.shutdown() };
  },
  { onSignal: (signal, handler) => Deno.addSignalListener(signal, handler), exit: (code) => Deno.exit(code) },
);
