import { LOCALES } from '@cardbind/widget/frame-manifest';
import * as z from 'zod';
import type { BuiltFileName, Locale } from '../files/built-files.js';
import { fileAnswer } from '../http/compression.js';
import { type Features, type Route, route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** The form's language, where a file is written per language (`?locale=`; zh-CN when absent). */
export const localeParam = z.enum(LOCALES).default('zh-CN');
const fileQuery = z.object({ v: z.string().optional(), locale: localeParam });

export interface OwnFile {
  path: `/${string}`;
  summary: string;
  type: 'text/javascript' | 'text/css';
  /** The build's content hash: `?v=` with it is cached for a year. */
  version: string;
  /** The built file served (BuiltFiles), or (the form's scripts) the one in the `?locale=` asked for. */
  file: BuiltFileName | ((locale: Locale) => BuiltFileName);
  /** Headers beside the type and caching (CORS for a script merchant pages load). */
  headers?: Record<string, string>;
  /** Without `?v=` (a merchant page's `<script src>`): cached this many seconds, not revalidated. */
  maxAge?: number;
  when?: (features: Features) => boolean;
}

/**
 * A file the BFF serves from its own build (a script, a stylesheet): compressed as the client
 * accepts, cached for a year when asked for at its version (`?v=`), revalidated otherwise.
 */
export function ownFile(file: OwnFile): Route {
  const { path, summary, type, version, when } = file;
  return route({
    method: 'get',
    path,
    summary,
    ...(when ? { when } : {}),
    auth: anyone,
    query: fileQuery,
    answers: { 200: { contentType: type, description: summary } },
  })(async ({ c, deps, query }) => {
    const name = typeof file.file === 'string' ? file.file : file.file(query.locale);
    const cache =
      query.v === version ? IMMUTABLE : file.maxAge !== undefined ? `public, max-age=${file.maxAge}` : 'no-cache';
    return {
      response: await fileAnswer(
        deps.files,
        c.req.header('accept-encoding'),
        `${path}?v=${version}&file=${name}`,
        await deps.built.text(name),
        (bytes, headers) => c.body(bytes as string, 200, headers),
        { 'content-type': `${type}; charset=utf-8`, 'cache-control': cache, ...file.headers },
      ),
    };
  });
}
