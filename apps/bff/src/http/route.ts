import type { Context, MiddlewareHandler } from 'hono';
import type * as z from 'zod';
import type { Deps } from '../deps.js';
import type { RefusalCode } from '../refusals.js';

/**
 * One declaration per route: its method and path, what it takes (path parameters, headers, query,
 * body), who may call it, the middleware it runs, and every answer it can give. The app mounts
 * routes from these (validation and the handler's typed input come from them), the OpenAPI
 * document is generated from the mounted ones, and the answer check holds each real answer to
 * its route's declaration: nothing is written twice, so nothing can drift.
 */

/** The OpenAPI security schemes (http bearer each). */
export type Scheme = 'apiKey' | 'widgetToken' | 'operatorKey';

/** A middleware a route runs before its caller is known, and the refusals it may answer. */
export interface Guard {
  refusals: readonly RefusalCode[];
  /** It answers the CORS preflight (`OPTIONS`) for the route's path. */
  preflight?: true;
  /** The middleware for `route` (which may ask for its guards' counts late: `overlapsGuards`). */
  create(deps: Deps, route: RouteSpec): MiddlewareHandler;
}

/**
 * Who may call a route: the credentials (any one of them; none for a public route) and the
 * refusals their check may answer. Its middleware puts the caller on the context.
 */
export interface Auth<Caller> {
  schemes: readonly Scheme[];
  refusals: readonly RefusalCode[];
  authenticate(c: Context, deps: Deps): Promise<Caller> | Caller;
}

/** A header the route requires: its schema, and the refusals for it missing and malformed. */
export interface HeaderSpec {
  schema: z.ZodString;
  description: string;
  missing: RefusalCode;
  invalid: RefusalCode;
}

/** Path parameters, and the refusal a malformed one gets (a well-formed id of nothing gets the same). */
export interface ParamsSpec<P extends z.ZodObject = z.ZodObject> {
  schema: P;
  invalid: RefusalCode;
}

/** A JSON answer, an answer of another type (HTML, a script, text), or one without a body (a redirect). */
export type AnswerSpec =
  | { description: string; schema: z.ZodType }
  | { description: string; contentType: string }
  | { description: string; redirect: true };

export type Answers = Readonly<Record<number, AnswerSpec>>;

/** A JSON answer a handler returns: a declared status and a body its schema takes. */
type JsonReply<R extends Answers> = {
  [S in keyof R & number]: R[S] extends { schema: infer Z extends z.ZodType } ? { status: S; body: z.input<Z> } : never;
}[keyof R & number];

/** What a handler returns: a declared JSON answer, or the Response it built (HTML, text, a redirect). */
export type Reply<R extends Answers> = JsonReply<R> | { response: Response };

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface Input<C, P, H, Q, B> {
  c: Context;
  deps: Deps;
  caller: C;
  params: P extends z.ZodObject ? z.output<P> : Record<string, never>;
  headers: H extends Record<string, HeaderSpec> ? { [K in keyof H]: string } : Record<string, never>;
  query: Parsed<Q>;
  body: Parsed<B>;
}

/** A route's declaration: everything but its handler. */
export interface RouteSpec<C = unknown> {
  method: 'get' | 'post';
  /** As the OpenAPI document writes it: `/v1/bind-cards/{orderNo}`. */
  path: `/${string}`;
  summary: string;
  /** Mounted only when this says so (a feature turned off has no route, and no entry in the document). */
  when?: (features: Features) => boolean;
  /** Before the caller is known (CORS, per-IP limits, body caps). */
  guards?: readonly Guard[];
  /**
   * The per-IP guard's count is sent by the handler (`scope.admit`), beside its first store write,
   * so the two share a round trip; otherwise the guard counts before anything after it runs. For
   * routes whose per-IP guard is their last. Either way nothing is answered before the count is,
   * and a refusal of its is the answer.
   */
  overlapsGuards?: true;
  auth: Auth<C>;
  params?: ParamsSpec;
  headers?: Record<string, HeaderSpec>;
  query?: z.ZodType;
  body?: z.ZodType;
  answers: Answers;
  /** The refusals the handler itself may answer (those of guards, auth and validation are added). */
  refusals?: readonly RefusalCode[];
}

/** What a declared route's handler is given. */
export type InputOf<S extends RouteSpec> = Input<
  S['auth'] extends Auth<infer C> ? C : never,
  S['params'] extends ParamsSpec<infer P> ? P : undefined,
  S['headers'],
  S['query'],
  S['body']
>;

/** What decides which routes an app mounts. */
export interface Features {
  /** `GET /metrics` (Prometheus), when the app was given metrics to serve. */
  metrics: boolean;
  /** The operations page and its figures. */
  operations: boolean;
}

/** Any handler's reply, its types erased. */
type AnyReply = { status: number; body: unknown } | { response: Response };

/** A route: its declaration and its handler, types erased (what the app mounts and documents). */
export interface Route extends RouteSpec {
  // biome-ignore lint/suspicious/noExplicitAny: a list of routes holds handlers of every input type.
  handler(input: Input<any, any, any, any, any>): Promise<AnyReply> | AnyReply;
}

/**
 * What any route may answer: an internal error, the store down, and the global body cap's
 * refusals (every request's body is capped before routing).
 */
export const COMMON_REFUSALS: readonly RefusalCode[] = [
  'INTERNAL',
  'STORE_UNAVAILABLE',
  'PAYLOAD_TOO_LARGE',
  'BODY_INCOMPLETE',
];

/** Every refusal a route may answer: its guards', its auth's, its validation's and its handler's. */
export function refusalsOf(route: RouteSpec): RefusalCode[] {
  const codes = new Set<RefusalCode>(COMMON_REFUSALS);
  const add = (list: readonly RefusalCode[] = []) => {
    for (const code of list) codes.add(code);
  };
  for (const guard of route.guards ?? []) add(guard.refusals);
  add(route.auth.refusals);
  if (route.params) add([route.params.invalid]);
  for (const header of Object.values(route.headers ?? {})) add([header.missing, header.invalid]);
  if (route.query) add(['INVALID_REQUEST']);
  if (route.body) add(['BAD_JSON', 'INVALID_REQUEST', 'UNSUPPORTED_MEDIA_TYPE']);
  add(route.refusals);
  return [...codes];
}

/**
 * Declares a route: the one place its shape, auth and answers are written. Then its handler:
 * `route({ …declaration })(handler)`, which gets the input the declaration validates and answers
 * one of its declared answers (in two steps, so the declaration's types are fixed first).
 */
export function route<const S extends RouteSpec>(spec: S) {
  return (handler: (input: InputOf<S>) => Promise<Reply<S['answers']>> | Reply<S['answers']>): Route => ({
    ...spec,
    handler: handler as Route['handler'],
  });
}
