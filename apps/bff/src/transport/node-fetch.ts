/**
 * A `fetch` for provider calls on Node: `http.request` over keep-alive agents,
 * answering a Web `Response`. The global fetch (undici) also keeps connections
 * alive, but builds far more per request (streams, a Request, header guards):
 * on a 16-connection FaceID run this transport took the provider calls from
 * about 0.7× to over 1× a bare pre-signed fetch (`bench/faceid-client.mjs`).
 * Node entry points only.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

export interface NodeFetchOptions {
  /** Sockets per provider host (default 64). */
  maxSockets?: number;
}

function headersOf(res: IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else headers.set(name, value);
  }
  return headers;
}

/**
 * Requests with a string or byte body and a whole-body answer: what provider APIs need, no
 * more. Redirects are not followed (a provider API that redirects is answered as it is).
 */
export function createNodeFetch(options: NodeFetchOptions = {}): typeof fetch {
  // Idle sockets close after 4 s, before a server's usual 5 s keep-alive timeout closes them under us.
  const agentOptions = { keepAlive: true, maxSockets: options.maxSockets ?? 64, timeout: 4_000 };
  const http = new HttpAgent(agentOptions);
  const https = new HttpsAgent(agentOptions);
  return ((input: RequestInfo | URL, init: RequestInit = {}) => {
    if (input instanceof Request) return globalThis.fetch(input, init);
    const url = input instanceof URL ? input : new URL(input);
    const secure = url.protocol === 'https:';
    const given = init.headers;
    // A plain object (what the providers pass) goes as it is; Headers and pairs are copied.
    const headers =
      given === undefined
        ? {}
        : given instanceof Headers || Array.isArray(given)
          ? Object.fromEntries(new Headers(given))
          : (given as Record<string, string>);
    const body = init.body;
    if (body !== undefined && body !== null && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      return globalThis.fetch(url, init);
    }
    return new Promise<Response>((resolve, reject) => {
      const req = (secure ? httpsRequest : httpRequest)(
        url,
        {
          method: init.method ?? 'GET',
          headers,
          agent: secure ? https : http,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const status = res.statusCode ?? 502;
            const nullBody = status === 204 || status === 304 || status < 200;
            resolve(
              new Response(nullBody ? null : Buffer.concat(chunks), {
                status,
                statusText: res.statusMessage ?? '',
                headers: headersOf(res),
              }),
            );
          });
        },
      );
      // No retry, even on a kept-alive socket the server reset: a POST that may have reached the
      // provider is reported as such (charge unknown), never sent twice.
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }) as typeof fetch;
}
