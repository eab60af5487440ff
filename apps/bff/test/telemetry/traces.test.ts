import { SCENARIO_CARDS } from '@cardbind/sandbox';
import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { afterAll, describe, expect, it } from 'vitest';
import { INSTRUMENTATION_SCOPE } from '../../src/app.js';
import { Client, eventually, startBff } from '../support/bff.js';
import { startWebhookReceiver } from '../support/browser.js';
import { RAW_PII, written } from '../support/pii.js';
import { baseConfig, sendingWebhooksTo, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

// What an operator's OpenTelemetry SDK does when it starts (NodeSDK, or a NodeTracerProvider's
// register()): a global tracer provider, an async-local context manager, the W3C propagator.
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
propagation.setGlobalPropagator(new W3CTraceContextPropagator());
afterAll(async () => {
  // Every exported span goes through the suite's PII scan.
  written.telemetry.push(JSON.stringify(exporter.getFinishedSpans().map(exported)));
  await provider.shutdown();
  trace.disable();
  context.disable();
  propagation.disable();
});

/** What an exporter sends of a span: names, attributes, events, status. */
const exported = (s: ReadableSpan) => ({
  name: s.name,
  kind: s.kind,
  traceId: s.spanContext().traceId,
  spanId: s.spanContext().spanId,
  parent: s.parentSpanContext?.spanId,
  attributes: s.attributes,
  events: s.events,
  status: s.status,
});

const sandbox = await startSandbox();
const receiver = await startWebhookReceiver();

async function tracedBff(traces = true) {
  return startBff(async (url) => {
    const config = sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url);
    return {
      ...config,
      limits: { cardPerDay: 100, sessionAttempts: 100 },
      webhooks: { pollMs: 50 },
      telemetry: { traces },
    };
  });
}

/** The spans of one trace, and the parent each names, checked to form one tree under its root. */
function treeOf(traceId: string) {
  const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
  const ids = new Set(spans.map((s) => s.spanContext().spanId));
  const roots = spans.filter((s) => !s.parentSpanContext || !ids.has(s.parentSpanContext.spanId));
  return { spans, roots };
}

describe('OpenTelemetry traces (telemetry.traces, through the registered SDK)', () => {
  it('one trace per verification: the request span holds its store calls and its provider call, with no PII', async () => {
    const bff = await tracedBff();
    const client = new Client(bff.url);
    const token = await client.session();
    const cards = [verification.cardNumber, SCENARIO_CARDS.cardholder_info_wrong, verification.cardNumber];
    const ids: string[] = [];
    for (const [i, cardNumber] of cards.entries()) {
      const res = await client.post(
        '/v1/verifications',
        { ...verification, cardNumber },
        { authorization: `Bearer ${token}`, 'idempotency-key': `trace-${i}-0000` },
      );
      expect(res.status).toBe(200);
      ids.push(((await res.json()) as { id: string }).id);
    }
    // The result events are delivered in the background, inside the request's trace.
    await eventually(() => receiver.received.filter((r) => ids.includes(r.id.replace(/^evt_/, ''))).length === 3);

    const servers = exporter
      .getFinishedSpans()
      .filter((s) => s.name === 'POST /v1/verifications' && s.kind === SpanKind.SERVER);
    expect(servers).toHaveLength(3);
    expect(new Set(servers.map((s) => s.spanContext().traceId)).size).toBe(3);
    for (const [i, server] of servers.entries()) {
      expect(server.instrumentationScope.name).toBe(INSTRUMENTATION_SCOPE);
      expect(server.attributes).toMatchObject({
        'http.request.method': 'POST',
        'http.route': '/v1/verifications',
        'http.response.status_code': 200,
      });
      const traceId = server.spanContext().traceId;
      const { spans, roots } = await eventually(() => {
        const tree = treeOf(traceId);
        return tree.spans.some((s) => s.name === 'webhook deliver') && tree;
      });
      // One tree: the request span is its only root; every store and provider span hangs below it.
      expect(roots).toEqual([server]);
      const providerSpans = spans.filter((s) => s.name === 'provider verify');
      expect(providerSpans).toHaveLength(1);
      expect(providerSpans[0]?.kind).toBe(SpanKind.CLIENT);
      expect(providerSpans[0]?.attributes).toMatchObject({
        'cardbind.provider': 'tencent-faceid',
        'cardbind.action': 'verify',
        'cardbind.outcome': i === 1 ? 'mismatch' : 'verified',
        'cardbind.charged': 'true',
      });
      const storeSpans = spans.filter((s) => s.name.startsWith('store '));
      // The session's attempt, the card and ID counters, the idempotency answer, the record, the event.
      expect(storeSpans.length).toBeGreaterThanOrEqual(4);
      const keyspaces = new Set(storeSpans.map((s) => s.attributes['cardbind.store.keyspace']));
      expect(keyspaces).toContain('limit');
      for (const space of ['idem', 'limit', 'verification', 'event']) expect(keyspaces).toContain(space);
      // The delivery carried this trace to the merchant.
      const delivered = receiver.received.find((r) => r.id === `evt_${ids[i]}`);
      expect(delivered?.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    }

    const everything = JSON.stringify(exporter.getFinishedSpans().map(exported));
    for (const raw of RAW_PII) expect(everything).not.toContain(raw);
    // Keys are named by keyspace only: no fingerprint, idempotency key or verification id.
    expect(everything).not.toContain('trace-0-0000');
    expect(everything).not.toContain(ids[0]);
  });

  it("a caller's traceparent makes the request span its child", async () => {
    const bff = await tracedBff();
    const client = new Client(bff.url);
    const token = await client.session();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const res = await client.post('/v1/verifications', verification, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'trace-parent-0000',
      traceparent: `00-${traceId}-${parentId}-01`,
    });
    expect(res.status).toBe(200);
    const server = exporter
      .getFinishedSpans()
      .find((s) => s.name === 'POST /v1/verifications' && s.spanContext().traceId === traceId);
    expect(server?.parentSpanContext).toMatchObject({ traceId, spanId: parentId, isRemote: true });
    expect(treeOf(traceId).spans.some((s) => s.name === 'provider verify')).toBe(true);
  });

  it('a request the BFF refuses is a span too, with its status; the delivery loop makes no traces while idle', async () => {
    const bff = await tracedBff();
    const before = exporter.getFinishedSpans().length;
    const res = await new Client(bff.url).post('/v1/verifications', verification, {
      authorization: 'Bearer nope',
      'idempotency-key': 'trace-refused-0000',
    });
    expect(res.status).toBe(401);
    // Ten poll intervals pass: polls of the outbox are not traced.
    await new Promise((r) => setTimeout(r, 500));
    const fresh = exporter.getFinishedSpans().slice(before);
    expect(fresh.filter((s) => s.name === 'store due')).toEqual([]);
    const refused = fresh.filter((s) => s.kind === SpanKind.SERVER);
    expect(refused.map((s) => [s.name, s.attributes['http.response.status_code']])).toEqual([
      ['POST /v1/verifications', 401],
    ]);
    // The refusal's trace is the request span alone: the token was never checked against the store.
    expect(treeOf(refused[0]?.spanContext().traceId ?? '').spans).toEqual(refused);
  });

  it('off (the default): no span at all', async () => {
    const bff = await tracedBff(false);
    const client = new Client(bff.url);
    const token = await client.session();
    const before = exporter.getFinishedSpans().length;
    const res = await client.post('/v1/verifications', verification, {
      authorization: `Bearer ${token}`,
      'idempotency-key': 'trace-off-00000',
    });
    expect(res.status).toBe(200);
    expect(exporter.getFinishedSpans().length).toBe(before);
  });
});
