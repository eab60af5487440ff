import { type Features, type Route, route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * A file the BFF serves from its own build (a script, a stylesheet): cached for a year when asked
 * for at its version (`?v=`), revalidated otherwise.
 */
export function staticFile(
  path: `/${string}`,
  summary: string,
  body: string,
  version: string,
  type: 'text/javascript' | 'text/css',
  when?: (features: Features) => boolean,
): Route {
  return route({
    method: 'get',
    path,
    summary,
    ...(when ? { when } : {}),
    auth: anyone,
    answers: { 200: { contentType: type, description: summary } },
  })(({ c }) => ({
    response: c.body(body, 200, {
      'content-type': `${type}; charset=utf-8`,
      'cache-control': c.req.query('v') === version ? IMMUTABLE : 'no-cache',
    }),
  }));
}
