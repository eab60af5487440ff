import { request } from 'node:http';

/** An answer as it crossed the wire: status, headers and the bytes, not decoded (fetch would decode them). */
export function rawGet(url: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: Buffer }>(
    (resolve, reject) => {
      const req = request(url, { headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding } });
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes: Buffer.concat(chunks) }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

/**
 * A request whose answer may come before its body is sent (a 413 for a body over the cap): the
 * answer is what counts, and the reset of the upload that follows it (the server stops draining
 * an unread body after a while) is not an error, as it is for fetch.
 */
export function rawSend(url: string, method: string, headers: Record<string, string>, body: string | Uint8Array) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    let answered = false;
    const req = request(url, { method, headers });
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.end(body);
  });
}
