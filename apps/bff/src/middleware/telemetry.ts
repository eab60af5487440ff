import { propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, type TextMapGetter } from '@opentelemetry/api';
import type { MiddlewareHandler } from 'hono';
import type { Telemetry } from '../telemetry/telemetry.js';
import { routeOf } from './request-log.js';

/** Reads `traceparent` / `tracestate` from a Fetch `Headers`. */
const fromHeaders: TextMapGetter<Headers> = {
  get: (headers, key) => headers.get(key) ?? undefined,
  keys: (headers) => [...headers.keys()],
};

/**
 * The request's server span, a child of the caller's W3C `traceparent` when
 * it sent one, named by route pattern (`POST /v1/verifications`): the URL is
 * not recorded (paths carry tickets and order numbers). Also counts the
 * request by route and status for the metrics.
 */
export function requestTelemetry(telemetry: Telemetry): MiddlewareHandler {
  const { tracer, metrics } = telemetry;
  return async (c, next) => {
    const started = performance.now();
    const finish = () => {
      const route = routeOf(c);
      metrics?.request(c.req.method, route, c.res.status, (performance.now() - started) / 1000);
      return route;
    };
    if (!tracer) {
      await next();
      finish();
      return;
    }
    const parent = propagation.extract(ROOT_CONTEXT, c.req.raw.headers, fromHeaders);
    const method = c.req.method;
    await tracer.startActiveSpan(
      method,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': method } },
      parent,
      async (span) => {
        try {
          await next();
        } finally {
          const route = finish();
          span.updateName(`${method} ${route}`);
          span.setAttributes({ 'http.route': route, 'http.response.status_code': c.res.status });
          if (c.res.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
          span.end();
        }
      },
    );
  };
}
