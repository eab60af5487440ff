import { notPii } from '@cardbind/core/pii';
import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import { errorAnswer } from '../schemas.js';
import { COMMON_REFUSALS, type Route, refusalsOf } from './route.js';
import { REFUSAL_STATUS } from './statuses.js';

/** One answer, held to its route's declaration: `problem` says what it broke, if anything. */
export interface AnswerReport {
  /** `POST /v1/verifications`; `(no route)` for an answer to a path nothing serves. */
  route: string;
  status: number;
  problem?: string;
}

/**
 * The answer check (tests, staging): every answer is held to its route's declaration, its status
 * among the declared ones, a JSON answer's body parsed by its schema, a refusal's code among the
 * route's and with its status. Each answer is reported; none is changed. Off, nothing of it runs.
 */
export function answerCheck(
  served: ReadonlyMap<object, Route>,
  report: (answer: AnswerReport) => void,
): MiddlewareHandler {
  return async (c, next) => {
    await next();
    // The route whose chain answered: the last handler dispatched (a static path and a parameter
    // one can both match; the first registered answers).
    const last = matchedRoutes(c)[c.req.routeIndex];
    const route = last ? served.get(last.handler) : undefined;
    const res = c.res;
    // The headers are read from the answer itself: Deno's Response.clone() can come back without them.
    const problem = await problemOf(route, c.req.method, res.headers, res.clone());
    const answer = { route: route ? `${route.method.toUpperCase()} ${route.path}` : '(no route)', status: res.status };
    c.set('logFields', {
      ...c.get('logFields'),
      answer: notPii(problem ? 'undeclared' : 'declared'),
      ...(problem ? { answerProblem: notPii(`${answer.route} ${res.status}: ${problem}`) } : {}),
    });
    report(problem ? { ...answer, problem } : answer);
  };
}

async function problemOf(
  route: Route | undefined,
  method: string,
  headers: Headers,
  res: Response,
): Promise<string | undefined> {
  if (method === 'OPTIONS' && route && res.status === 204) return undefined;
  const answer = route?.answers[res.status];
  if (answer && method !== 'OPTIONS') {
    if ('redirect' in answer) return headers.get('location') ? undefined : 'a redirect without a Location';
    if ('contentType' in answer) {
      const type = headers.get('content-type') ?? '';
      return type.startsWith(answer.contentType) ? undefined : `content-type ${type}, declared ${answer.contentType}`;
    }
    if (method === 'HEAD') return undefined;
    const json = await res.json().catch(() => undefined);
    const parsed = answer.schema.safeParse(json);
    if (parsed.success) return undefined;
    // Or a refusal that has this status too.
    if (!errorAnswer.safeParse(json).success) return `body not as declared: ${issues(parsed.error.issues)}`;
    return refusalProblem(route, res.status, json);
  }
  return refusalProblem(route, res.status, await res.json().catch(() => undefined));
}

/** A refusal: one the route declares, with the status it has. */
function refusalProblem(route: Route | undefined, status: number, json: unknown): string | undefined {
  const body = errorAnswer.safeParse(json);
  if (!body.success) return `undeclared status ${status}`;
  const code = body.data.error.code;
  const declared: string[] = route ? refusalsOf(route) : ['NOT_FOUND', ...COMMON_REFUSALS];
  if (!declared.includes(code)) return `undeclared refusal ${code}`;
  const expected = REFUSAL_STATUS[code as keyof typeof REFUSAL_STATUS];
  return expected === status ? undefined : `${code} answered ${status}, declared ${expected}`;
}

/** Where a body broke its schema: paths and codes, never values. */
const issues = (list: readonly { path: PropertyKey[]; code: string }[]) =>
  list
    .slice(0, 3)
    .map((i) => `${i.path.map(String).join('.') || '(root)'} ${i.code}`)
    .join(', ');
