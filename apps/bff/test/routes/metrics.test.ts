import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { SCENARIO_CARDS } from '@cardbind/sandbox';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/app.js';
import { Client, eventually, startBff, startNodeBff } from '../support/bff.js';
import { startWebhookReceiver } from '../support/browser.js';
import { RAW_PII, written } from '../support/pii.js';
import { API_KEY, baseConfig, sendingWebhooksTo, startSandbox, VERIFY3 as verification } from '../support/sandbox.js';

const OPERATOR_KEY = 'op_test_cardbind_0123456789abcdef';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * Parses the exposition with the Prometheus project's own Python client
 * (`prometheus_client.parser`, Debian's python3-prometheus-client): a text
 * it rejects fails the test.
 */
function parseExposition(text: string): { families: Record<string, string>; samples: Sample[] } {
  const python = ['/usr/bin/python3', 'python3'].find((p) => p === 'python3' || existsSync(p)) ?? 'python3';
  const script = [
    'import json, sys',
    'from prometheus_client.parser import text_string_to_metric_families',
    'families = list(text_string_to_metric_families(sys.stdin.read()))',
    'print(json.dumps({"families": {f.name: f.type for f in families},',
    '  "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for f in families for s in f.samples]}))',
  ].join('\n');
  const run = spawnSync(python, ['-c', script], { input: text, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`prometheus_client rejected the exposition: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

/** The sum of a metric's samples whose labels include `labels`. */
const total = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

const sandbox = await startSandbox();

describe('GET /metrics (Node, telemetry.metrics, operator key)', () => {
  it('counts what the simulators saw: calls by provider, outcome and charge, failovers, open circuits, dead webhooks', async () => {
    // The merchant's endpoint is down for good: every result event dies after two attempts.
    const receiver = await startWebhookReceiver({ failing: 1_000 });
    const bff = await startNodeBff(async (url) => {
      const config = sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url);
      return {
        ...config,
        operatorKeySha256: createHash('sha256').update(OPERATOR_KEY).digest('hex'),
        telemetry: { metrics: true },
        limits: { cardPerDay: 100, sessionAttempts: 100 },
        webhooks: { retryBaseMs: 10, retryMaxMs: 10, maxAttempts: 2, pollMs: 20 },
      };
    });
    const client = new Client(bff.url);
    const token = await client.session();
    const faceidBefore = sandbox.faceid.stats.requests;
    const csecBefore = sandbox.csec.stats.requests;
    let n = 0;
    const verify = async (cardNumber: string | undefined) =>
      client.post(
        '/v1/verifications',
        { ...verification, cardNumber },
        { authorization: `Bearer ${token}`, 'idempotency-key': `metrics-${n++}-0000` },
      );

    for (let i = 0; i < 3; i++) expect((await verify(verification.cardNumber)).status).toBe(200);
    expect((await verify(SCENARIO_CARDS.cardholder_info_wrong)).status).toBe(200);
    // A provider outage: FaceID busy (nothing charged) fails over to csec, busy too. Five in a
    // row open both circuits; the next verification finds no provider.
    for (let i = 0; i < 5; i++) expect((await verify(SCENARIO_CARDS.busy)).status).toBe(200);
    const none = await verify(verification.cardNumber);
    expect(none.status).toBe(503);
    expect(((await none.json()) as { error: { code: string } }).error.code).toBe('NO_PROVIDER');

    const scrape = async () => {
      const res = await client.get('/metrics', { authorization: `Bearer ${OPERATOR_KEY}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await res.text();
      written.telemetry.push(text);
      return { text, ...parseExposition(text) };
    };
    // Nine completed verifications, nine events, each dead after its second attempt.
    const { text, families, samples } = await eventually(async () => {
      const scraped = await scrape();
      return total(scraped.samples, 'cardbind_webhook_dead_total') === 9 && scraped;
    });

    // Every call the simulators answered is counted once, under its provider.
    const faceidCalls = sandbox.faceid.stats.requests - faceidBefore;
    const csecCalls = sandbox.csec.stats.requests - csecBefore;
    expect([faceidCalls, csecCalls]).toEqual([9, 5]);
    const calls = 'cardbind_provider_calls_total';
    expect(families.cardbind_provider_calls).toBe('counter');
    expect(total(samples, calls, { provider: 'tencent-faceid' })).toBe(faceidCalls);
    expect(total(samples, calls, { provider: 'tencent-csec' })).toBe(csecCalls);
    const faceid = { provider: 'tencent-faceid', action: 'verify' };
    expect(total(samples, calls, { ...faceid, outcome: 'verified', charged: 'true' })).toBe(3);
    expect(total(samples, calls, { ...faceid, outcome: 'mismatch', charged: 'true' })).toBe(1);
    expect(total(samples, calls, { ...faceid, outcome: 'unavailable', charged: 'false' })).toBe(5);
    expect(
      total(samples, calls, { provider: 'tencent-csec', action: 'verify', outcome: 'unavailable', charged: 'false' }),
    ).toBe(5);
    expect(total(samples, 'cardbind_provider_call_duration_seconds_count', faceid)).toBe(faceidCalls);
    expect(total(samples, 'cardbind_provider_failovers_total', { provider: 'tencent-faceid' })).toBe(5);
    for (const provider of ['tencent-faceid', 'tencent-csec']) {
      expect(total(samples, 'cardbind_provider_circuit_open', { provider })).toBe(1);
      expect(total(samples, 'cardbind_provider_skipped_total', { provider, reason: 'circuit_open' })).toBe(1);
    }
    expect(total(samples, 'cardbind_provider_circuit_open', { provider: 'rz' })).toBe(0);

    // Requests by route pattern and status.
    const requests = 'cardbind_http_requests_total';
    const route = { method: 'POST', route: '/v1/verifications' };
    expect(total(samples, requests, { ...route, status: '200' })).toBe(9);
    expect(total(samples, requests, { ...route, status: '503' })).toBe(1);
    expect(total(samples, 'cardbind_http_request_duration_seconds_count', route)).toBe(10);

    // Webhooks: two failed attempts per event, nothing waiting any more.
    expect(total(samples, 'cardbind_webhook_attempts_total', { result: 'failed' })).toBe(18);
    expect(total(samples, 'cardbind_webhook_attempts_total', { result: 'delivered' })).toBe(0);
    expect(receiver.received).toHaveLength(18);
    expect(total(samples, 'cardbind_webhook_backlog')).toBe(0);
    // The process metrics come along (prom-client's defaults).
    expect(families.process_cpu_seconds).toBe('counter');

    for (const raw of RAW_PII) expect(text).not.toContain(raw);
  });

  it('is refused without the operator key (a merchant key is not one), and absent unless turned on', async () => {
    const bff = await startNodeBff(async (url) => ({
      ...(await baseConfig(sandbox, url)),
      operatorKeySha256: createHash('sha256').update(OPERATOR_KEY).digest('hex'),
      telemetry: { metrics: true },
    }));
    const client = new Client(bff.url);
    const plainConfig = await baseConfig(sandbox, bff.url);
    for (const authorization of [undefined, `Bearer ${API_KEY}`, 'Bearer op_wrong_key_0000000000000000']) {
      const res = await client.get('/metrics', authorization ? { authorization } : {});
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('UNAUTHENTICATED');
    }
    // Turned on without an operator key, the configuration is refused: the endpoint is never open.
    expect(() => parseConfig({ ...plainConfig, telemetry: { metrics: true } })).toThrow(
      /telemetry\.metrics: needs operatorKeySha256/,
    );
    const plain = await startBff(async (url) => baseConfig(sandbox, url));
    const off = await new Client(plain.url).get('/metrics', { authorization: `Bearer ${OPERATOR_KEY}` });
    expect(off.status).toBe(404);
  });
});
