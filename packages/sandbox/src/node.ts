import { serve } from '@hono/node-server';

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
