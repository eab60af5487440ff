import type { Charged } from '@cardbind/core/outcome';
import { type Attributes, context, propagation, SpanKind, SpanStatusCode, type Tracer } from '@opentelemetry/api';
import type { Metrics, ProviderAction } from './metrics.js';

/** How a finished provider call is described: the outcome's names, never its input. */
export interface CallSummary {
  outcome: string;
  reason?: string;
  charged: Charged;
}

/**
 * Traces and metrics, each on when configured. Spans go through the
 * OpenTelemetry API to whatever tracer provider the process registered (an
 * SDK with any exporter); metrics go to the sink the entry gave (Prometheus
 * on Node). What either carries is names, codes, counts and times: no card,
 * ID, name or phone, and no URL beyond its route pattern.
 */
export class Telemetry {
  readonly tracer: Tracer | undefined;
  readonly metrics: Metrics | undefined;

  constructor(tracer: Tracer | undefined, metrics: Metrics | undefined) {
    this.tracer = tracer;
    this.metrics = metrics;
  }

  get enabled(): boolean {
    return this.tracer !== undefined || this.metrics !== undefined;
  }

  /** One provider call in a client span (provider, action, outcome, `charged`), counted and timed. */
  async providerCall<T>(
    provider: string,
    action: ProviderAction,
    call: () => Promise<T>,
    summarize: (result: T) => CallSummary,
  ): Promise<T> {
    if (!this.enabled) return call();
    const started = performance.now();
    const finish = (summary: CallSummary) => {
      this.metrics?.providerCall({
        provider,
        action,
        outcome: summary.outcome,
        charged: summary.charged,
        seconds: (performance.now() - started) / 1000,
      });
      return {
        'cardbind.outcome': summary.outcome,
        'cardbind.charged': String(summary.charged),
        ...(summary.reason ? { 'cardbind.outcome.reason': summary.reason } : {}),
      } satisfies Attributes;
    };
    // A call that threw may have reached the provider (a notification costs nothing).
    const failed: CallSummary = { outcome: 'error', charged: action === 'notification' ? false : 'unknown' };
    if (!this.tracer) {
      try {
        const result = await call();
        finish(summarize(result));
        return result;
      } catch (error) {
        finish(failed);
        throw error;
      }
    }
    return this.tracer.startActiveSpan(
      `provider ${action}`,
      { kind: SpanKind.CLIENT, attributes: { 'cardbind.provider': provider, 'cardbind.action': action } },
      async (span) => {
        try {
          const result = await call();
          const summary = summarize(result);
          span.setAttributes(finish(summary));
          if (summary.outcome === 'unavailable') span.setStatus({ code: SpanStatusCode.ERROR });
          return result;
        } catch (error) {
          span.setAttributes({ ...finish(failed), 'error.type': (error as Error).name });
          span.setStatus({ code: SpanStatusCode.ERROR });
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  /** Adds the current trace's `traceparent` (W3C) to an outgoing request's headers. */
  inject(headers: Record<string, string>): void {
    if (this.tracer) propagation.inject(context.active(), headers);
  }
}

/** Nothing instrumented. */
export const NO_TELEMETRY = new Telemetry(undefined, undefined);
