import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** The headers this request's answer carries, whichever way the answer is built. */
    answerHeaders: Record<string, string>;
  }
}

/** Answers built by `json()` below: they carry the answer headers already. */
const complete = new WeakSet<Response>();

/** Sets a header on this request's answer (instead of Hono's `c.header`). */
export function setAnswerHeader(c: Context, name: string, value: string): void {
  const headers = c.get('answerHeaders');
  if (headers) headers[name] = value;
  else c.set('answerHeaders', { [name]: value });
}

/**
 * A JSON answer with its headers as one plain object. Hono's `c.json` makes an answer with more
 * than one header carry a `Headers`, which @hono/node-server then copies back into an object:
 * about 9 µs a request, measured on a bare route.
 */
export function json(c: Context, body: unknown, status = 200): Response {
  const response = new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...c.get('answerHeaders') },
  });
  complete.add(response);
  return response;
}

/**
 * Registered first: every answer starts with the headers in `always`; an answer built any other
 * way than `json()` (`c.html`, `c.body`, a redirect) gets the answer headers here, once it exists,
 * so none is lost whichever way a route answers.
 */
export function answerHeaders(always: Readonly<Record<string, string>> = {}): MiddlewareHandler {
  return async (c, next) => {
    c.set('answerHeaders', { ...always });
    await next();
    if (complete.has(c.res)) return;
    const headers = c.get('answerHeaders');
    if (headers) for (const name in headers) c.header(name, headers[name]);
  };
}
