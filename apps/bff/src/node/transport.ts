/**
 * The provider transport on Node: undici's dispatcher API (Node's own HTTP
 * client, below its fetch) over keep-alive connections, answering status,
 * headers and text and building nothing else. The global fetch makes a
 * Request, a Response, Headers and a web stream for every call; against one
 * out-of-process FaceID simulator this transport is what lets the provider
 * beat a bare pre-signed fetch and the official SDK (`bench/faceid-client.mjs`).
 * Node entry points only.
 */
import { BodyReadError, type Transport } from '@cardbind/core/contract';
import { Agent, type Dispatcher } from 'undici';

export interface NodeTransportOptions {
  /** Connections per provider origin (default 64). */
  connections?: number;
}

type IncomingHeaders = Dispatcher.ResponseData['headers'];

/** Header lookup over undici's lower-cased header object; repeated headers joined as fetch joins them. */
function headerLookup(headers: IncomingHeaders) {
  return {
    get(name: string): string | null {
      const value = headers[name.toLowerCase()];
      return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
    },
  };
}

/** Origin and path of a provider URL; there are a handful, so each is parsed once. */
const targets = new Map<string, { origin: string; path: string }>();
function targetOf(url: string) {
  let target = targets.get(url);
  if (!target) {
    const parsed = new URL(url);
    target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size > 256) targets.clear();
    targets.set(url, target);
  }
  return target;
}

/**
 * Redirects are not followed (a provider API that redirects is answered as
 * it is), and a POST is never sent twice, even on a kept-alive socket the
 * server reset: it may have reached the provider, and is reported so.
 */
export function createNodeTransport(options: NodeTransportOptions = {}): Transport {
  // Idle sockets close after 4 s, before a server's usual 5 s keep-alive timeout closes them under us.
  const dispatcher = new Agent({ keepAliveTimeout: 4_000, connections: options.connections ?? 64 });
  return async (url, { method, headers, body, signal }) => {
    const { origin, path } = targetOf(url);
    const res = await dispatcher.request({ origin, path, method, headers, body: body ?? null, signal });
    let text: string;
    try {
      text = await res.body.text();
    } catch (cause) {
      if (signal.aborted) throw cause;
      throw new BodyReadError(res.statusCode, cause);
    }
    return { status: res.statusCode, headers: headerLookup(res.headers), text };
  };
}
