import type { Context } from 'hono';

/** How long a "hang" scenario holds the connection before giving up on the client. */
export const HANG_MS = 30_000;

/** Holds the request open until the client goes away (or HANG_MS passes), then answers nothing useful. */
export async function hang(c: Context): Promise<Response> {
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, HANG_MS);
    c.req.raw.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return c.body(null, 504);
}

export function garbage(c: Context): Response {
  return c.html('<html><body><h1>502 Bad Gateway</h1></body></html>', 502);
}

/** A JSON body cut off mid-way, as after a dropped connection behind a proxy. */
export function truncated(c: Context, full: string): Response {
  return c.body(full.slice(0, Math.floor(full.length / 2)), 200, { 'content-type': 'application/json' });
}
