import type { Context, Hono, MiddlewareHandler } from 'hono';
import type { Deps } from '../deps.js';
import { Refusal } from '../refusals.js';
import { json } from './answers.js';
import type { Features, HeaderSpec, Route } from './route.js';
import { jsonBody, queryParams, validated } from './validate.js';

declare module 'hono' {
  interface ContextVariableMap {
    /** Who is calling, as the route's auth found it (a widget token's claims, a merchant…). */
    caller: unknown;
  }
}

/** `/v1/bind-cards/{orderNo}` as Hono writes it: `/v1/bind-cards/:orderNo`. */
export const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** The routes an app with these features mounts. */
export const mountedRoutes = (routes: readonly Route[], features: Features) =>
  routes.filter((r) => r.when?.(features) ?? true);

/**
 * Mounts each route: its guards, its auth (the caller put on the context), then its handler with
 * the input its declaration validates; a JSON reply is answered with its declared status. A path
 * whose routes answer CORS preflights gets one `OPTIONS` route. `served` gets, per function of a
 * route's chain, the route (what the answer check looks an answer's route up by).
 */
export function mount(app: Hono, deps: Deps, routes: readonly Route[], served: Map<object, Route>): void {
  const preflights = new Set<string>();
  for (const spec of routes) {
    const path = honoPath(spec.path);
    const guards = (spec.guards ?? []).map((g) => g.create(deps, spec));
    const preflight = spec.guards?.find((g) => g.preflight);
    if (preflight && !preflights.has(path)) {
      preflights.add(path);
      const answer = preflight.create(deps, spec);
      served.set(answer, spec);
      app.options(path, answer);
    }
    const auth: MiddlewareHandler = async (c, next) => {
      c.set('caller', await refusedFirst(c, () => spec.auth.authenticate(c, deps)));
      await next();
    };
    const handler = (c: Context) =>
      refusedFirst(c, async () => {
        const params = spec.params ? validated(spec.params.schema, c.req.param(), spec.params.invalid) : {};
        const headers: Record<string, string> = {};
        for (const [name, header] of Object.entries(spec.headers ?? {}) as [string, HeaderSpec][]) {
          const value = c.req.header(name);
          if (value === undefined) throw new Refusal(header.missing);
          if (!header.schema.safeParse(value).success) throw new Refusal(header.invalid);
          headers[name] = value;
        }
        const query = spec.query ? queryParams(c, spec.query) : undefined;
        const body = spec.body ? await jsonBody(c, spec.body) : undefined;
        const reply = await spec.handler({ c, deps, caller: c.get('caller'), params, headers, query, body });
        await c.get('admission')?.(); // sent by the handler (or now), answered before its reply is
        if ('response' in reply) return reply.response;
        return json(c, reply.body, reply.status);
      });
    for (const step of [...guards, auth, handler]) served.set(step, spec);
    app.on(spec.method.toUpperCase(), [path], ...guards, auth, handler);
  }
}

/**
 * Runs a step of a request whose guards' counts may still be unsent or unanswered: a refusal of
 * theirs comes before the step's own (a request over its IP limit is told that, whatever else is
 * wrong with it).
 */
async function refusedFirst<T>(c: Context, step: () => Promise<T> | T): Promise<T> {
  try {
    return await step();
  } catch (error) {
    await c.get('admission')?.();
    throw error;
  }
}
