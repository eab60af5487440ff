/**
 * Deno entry: `deno run --allow-net --allow-env dist/entries/deno.js`.
 * Configuration from the environment (CARDBIND_CONFIG_JSON; on Deno Deploy an
 * environment variable of the project, locally `--env-file`), PORT and HOST,
 * and CARDBIND_REDIS_URL for the shared store.
 */
import { ConfigError } from '../app.js';
import { prepareCardbind } from '../runtime.js';

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
try {
  const { cardbind, stop } = await prepareCardbind(env, {
    clientIp: (c) => (c.env as { remoteAddr?: { hostname: string } } | undefined)?.remoteAddr?.hostname,
  });
  const server = Deno.serve(
    {
      port: Number(env.PORT ?? 8787),
      hostname: env.HOST ?? '127.0.0.1',
      onListen: ({ hostname, port }) =>
        console.log(JSON.stringify({ event: 'listening', url: `http://${hostname}:${port}` })),
    },
    (request, info) => cardbind.app.fetch(request, { remoteAddr: info.remoteAddr }),
  );
  const shutdown = () =>
    void server
      .shutdown()
      .then(stop)
      .then(() => Deno.exit(0));
  Deno.addSignalListener('SIGTERM', shutdown);
  Deno.addSignalListener('SIGINT', shutdown);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  Deno.exit(78);
}
