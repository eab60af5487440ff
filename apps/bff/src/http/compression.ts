/**
 * The BFF's own files (the frame's script and styles, the operations page) sent compressed: each
 * file is encoded once per encoding, on its first request, and kept (they are a few, and fixed
 * for the build). gzip comes from the Web's CompressionStream, on every runtime; brotli only where
 * the entry gives an encoder (Node's zlib: Node 20 has no brotli CompressionStream).
 */
export type Encoding = 'br' | 'gzip';
export type Encoder = (data: Uint8Array) => Promise<Uint8Array>;
export type Encoders = Partial<Record<Encoding, Encoder>>;

/** gzip on any runtime with Web streams. */
export const webGzip: Encoder = async (data) =>
  new Uint8Array(
    await new Response(
      new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('gzip')),
    ).arrayBuffer(),
  );

/** Smaller first: brotli, then gzip. */
const PREFERENCE: readonly Encoding[] = ['br', 'gzip'];

/** The encoding to send, from the request's Accept-Encoding (q=0 refuses one); undefined: none. */
export function negotiate(acceptEncoding: string | undefined, available: Encoders): Encoding | undefined {
  if (!acceptEncoding) return undefined;
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.toLowerCase().split(',')) {
    const [name = '', ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  const wildcard = accepted.get('*');
  return PREFERENCE.find((e) => available[e] && (accepted.get(e) ?? wildcard ?? 0) > 0);
}

export class CompressedFiles {
  readonly #encoders: Encoders;
  readonly #encoded = new Map<string, Promise<Uint8Array>>();

  constructor(encoders: Encoders) {
    this.#encoders = encoders;
  }

  get encoders(): Encoders {
    return this.#encoders;
  }

  /** `body` (one of the build's files, named by `key`) in `encoding`; encoded on first use. */
  encoded(key: string, body: string, encoding: Encoding): Promise<Uint8Array> {
    const id = `${encoding}:${key}`;
    let bytes = this.#encoded.get(id);
    if (!bytes) {
      const encode = this.#encoders[encoding];
      if (!encode) throw new Error(`no ${encoding} encoder`);
      bytes = encode(new TextEncoder().encode(body));
      // A failed encoding is not kept: the next request tries again.
      bytes.catch(() => this.#encoded.delete(id));
      this.#encoded.set(id, bytes);
    }
    return bytes;
  }
}

/**
 * One of the build's files as the answer: compressed when the client accepts an encoding we have,
 * and marked as varying on Accept-Encoding either way (a cache must not give the encoded copy to a
 * client that did not ask for it). `encodeBody: 'manual'` tells workerd the bytes are encoded
 * already (by default it would encode them again per Content-Encoding); other runtimes ignore it.
 */
export async function fileAnswer(
  files: CompressedFiles,
  acceptEncoding: string | undefined,
  key: string,
  body: string,
  answer: (body: string | Uint8Array, headers: Record<string, string>) => Response,
  headers: Record<string, string>,
): Promise<Response> {
  const varied = { ...headers, vary: 'Accept-Encoding' };
  const encoding = negotiate(acceptEncoding, files.encoders);
  if (!encoding) return answer(body, varied);
  const encoded = answer(await files.encoded(key, body, encoding), { ...varied, 'content-encoding': encoding });
  return new Response(encoded.body, {
    status: encoded.status,
    headers: encoded.headers,
    encodeBody: 'manual',
  } as ResponseInit);
}
