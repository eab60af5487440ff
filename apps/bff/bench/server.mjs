// The benchmark's server process, started by load.mjs, with three listeners:
// - the BFF (embedded store by default; BENCH_STORE=memory, or BENCH_REDIS_URL),
//   its FaceID provider calling the simulator in-process (no network latency);
// - the floor: a bare Hono route doing only the unavoidable work of a
//   verification: verify the ES256 widget token, the three keyed fingerprints,
//   sign and call the same in-process simulator through the same provider;
// - a bare Hono route answering the same JSON and nothing else.
// The store is wrapped to count its calls, read at /__stats.
import { createHash } from 'node:crypto';
import fs, { mkdtempSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCallContext } from '@cardbind/core';
import { Fingerprinter, maskCard } from '@cardbind/core/pii';
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid';
import { createFaceIdSimulator, sandboxProviderConfigs } from '@cardbind/sandbox';
import { serve } from '@hono/node-server';
import { ClassicLevel } from 'classic-level';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, importJWK, jwtVerify } from 'jose';

// BENCH_DIST: another build's dist (the previous main's, round-trips.mjs) under this same harness.
const dist = process.env.BENCH_DIST ?? new URL('../dist', import.meta.url).pathname;
const { createCardbind, MemoryStore } = await import(`${dist}/app.js`);
const { LevelStore, prometheusMetrics } = await import(`${dist}/node/serve.js`);
const { connectRedisStore } = await import(`${dist}/store/redis/connect.js`);

export const API_KEY = 'sk_bench_0123456789abcdef';
export const ORIGIN = 'http://shop.localhost:5173';

const listen = (fetch) =>
  new Promise((resolve) => {
    const server = serve({ fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve(`http://127.0.0.1:${info.port}`));
    return server;
  });

const faceid = createFaceIdSimulator({ qps: 1_000_000 });
// In process, as fetch would send it: with the Host header the TC3 signature covers (a bare
// Request has none, and the simulator then rejected every call: the bench measured errors).
const providerFetch = (input, init) => {
  const request = new Request(input, init);
  const headers = new Headers(request.headers);
  headers.set('host', new URL(request.url).host);
  return faceid.app.fetch(new Request(request, { headers }));
};
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const configs = sandboxProviderConfigs({ 'tencent-faceid': 'http://faceid.sandbox.invalid' });
const dataDir = mkdtempSync(join(tmpdir(), 'cardbind-bench-'));
/**
 * The LevelDB store's journal (what a write is acknowledged by) is written with fs.writeSync:
 * its bytes are counted too, by file descriptor, before the store opens its first journal.
 */
const journalFds = new Set();
const journal = { bytes: 0 };
const { openSync, writeSync, closeSync } = fs;
fs.openSync = (path, ...rest) => {
  const fd = openSync(path, ...rest);
  if (String(path).includes('cardbind-journal-')) journalFds.add(fd);
  return fd;
};
fs.writeSync = (fd, ...rest) => {
  const written = writeSync(fd, ...rest);
  if (journalFds.has(fd)) journal.bytes += written;
  return written;
};
fs.closeSync = (fd) => {
  journalFds.delete(fd);
  return closeSync(fd);
};
syncBuiltinESMExports();
const backing = process.env.BENCH_REDIS_URL
  ? await connectRedisStore(process.env.BENCH_REDIS_URL, { prefix: `bench:${Date.now()}:` })
  : process.env.BENCH_STORE === 'memory'
    ? new MemoryStore()
    : await new LevelStore(dataDir).open();
/**
 * Store method calls (each one Redis command or pipeline); for LevelDB, under them: the batches
 * written, the keys and bytes (key and value) they hold, and the disk reads (the journal's bytes
 * are counted above).
 */
let storeCalls = 0;
const level = { batches: 0, writes: 0, bytes: 0, reads: 0 };
const batch = ClassicLevel.prototype.batch;
const counted = (key, value) => {
  level.writes++;
  level.bytes += Buffer.byteLength(key) + (value === undefined ? 0 : Buffer.byteLength(value));
};
ClassicLevel.prototype.batch = function (operations, ...rest) {
  if (Array.isArray(operations)) {
    level.batches++;
    for (const { key, value } of operations) counted(key, value);
    return batch.call(this, operations, ...rest);
  }
  // The chained form (what LevelStore writes with): counted as its puts and deletes go in.
  const chained = batch.call(this);
  const { put, del, write } = chained;
  chained.put = (key, value, options) => {
    counted(key, value);
    return put.call(chained, key, value, options);
  };
  chained.del = (key, options) => {
    counted(key);
    return del.call(chained, key, options);
  };
  chained.write = (options) => {
    level.batches++;
    return write.call(chained, options);
  };
  return chained;
};
const getSync = ClassicLevel.prototype.getSync;
ClassicLevel.prototype.getSync = function (...args) {
  level.reads++;
  return getSync.apply(this, args);
};
// Each method wrapped once: a Proxy made a new closure on every method read, work that only the
// BFF paid (the floor has no store) and that was the bench's, not the BFF's.
const store = backing;
const methods = new Set(
  [Object.getPrototypeOf(backing), backing].flatMap((o) =>
    Object.getOwnPropertyNames(o).filter((name) => typeof backing[name] === 'function'),
  ),
);
for (const name of methods) {
  // What the store does by itself (opening, closing, its sweeper) is not a call a verification made.
  if (['constructor', 'open', 'close', 'sweep', 'flush'].includes(name)) continue;
  const method = backing[name];
  backing[name] = (...args) => {
    storeCalls++;
    return method.apply(backing, args);
  };
}

// BENCH_TELEMETRY=on: traces and metrics on, as an operator would run them: an OpenTelemetry SDK
// registered for the process (batching spans to an exporter that counts and drops them, so what
// is measured is the instrumentation and the SDK, not a collector's network) and the Prometheus
// registry. The batch queue is sized for this rate (the SDK's default 2,048 would drop spans).
// (BENCH_TELEMETRY=traces or =metrics: one of the two, to see which costs what.)
const telemetryMode = process.env.BENCH_TELEMETRY ?? 'off';
const traces = telemetryMode === 'on' || telemetryMode === 'traces';
const withMetrics = telemetryMode === 'on' || telemetryMode === 'metrics';
let spansExported = 0;
const metrics = withMetrics ? prometheusMetrics() : undefined;
if (traces) {
  const { context, propagation, trace } = await import('@opentelemetry/api');
  const { AsyncLocalStorageContextManager } = await import('@opentelemetry/context-async-hooks');
  const { W3CTraceContextPropagator } = await import('@opentelemetry/core');
  const { BasicTracerProvider, BatchSpanProcessor } = await import('@opentelemetry/sdk-trace-base');
  const exporter = {
    export(spans, done) {
      spansExported += spans.length;
      done({ code: 0 });
    },
    shutdown: async () => {},
  };
  const processor = new BatchSpanProcessor(exporter, {
    maxQueueSize: 200_000,
    maxExportBatchSize: 5_000,
    scheduledDelayMillis: 200,
  });
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [processor] }));
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}
export const OPERATOR_KEY = 'op_bench_0123456789abcdef';

let bffUrl = '';
const config = async () => ({
  publicUrl: bffUrl || 'http://127.0.0.1:1',
  merchants: [
    {
      id: 'shop',
      apiKeySha256: createHash('sha256').update(API_KEY).digest('hex'),
      allowedOrigins: [ORIGIN],
    },
  ],
  signingKeys: [{ kid: 'bench', privateJwk: await exportJWK(privateKey) }],
  fingerprintSecret: 'b'.repeat(48),
  providers: {
    'tencent-faceid':
      process.env.BENCH_ENCRYPTION === 'on'
        ? configs['tencent-faceid']
        : { ...configs['tencent-faceid'], encryptionPublicKey: undefined },
  },
  routing: { verify3: ['tencent-faceid'] },
  limits: {
    sessionAttempts: 10_000_000,
    cardPerDay: 10_000_000,
    idPerDay: 10_000_000,
    ipPerMinute: 10_000_000,
    providerQps: { 'tencent-faceid': 1_000_000 },
  },
  operatorKeySha256: createHash('sha256').update(OPERATOR_KEY).digest('hex'),
  telemetry: { traces, metrics: withMetrics },
  // A request that names its address (round-trips.mjs does) is counted against the per-IP limit.
  clientIpHeader: 'x-forwarded-for',
});
let app;
bffUrl = await listen((request) => app.fetch(request));
app = createCardbind(await config(), { store, providerFetch, log: () => {}, ...(metrics ? { metrics } : {}) }).app;

// The same answer a verification gets, from a route that does nothing else.
const canned = {
  id: 'ver_00000000000000000000000000000000',
  card: '622202******1008',
  outcome: {
    status: 'verified',
    reason: 'VERIFIED',
    charged: true,
    retryable: false,
    message: { 'zh-CN': '验证通过', en: 'Verified' },
    provider: { id: 'tencent-faceid', code: '0', requestId: '00000000-0000-0000-0000-000000000000' },
  },
};
const bare = new Hono();
bare.post('/v1/verifications', (c) => c.json(canned));
bare.get('/__rss', (c) => {
  globalThis.gc?.();
  return c.json({ rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed });
});
bare.get('/__stats', (c) => {
  const { user, system } = process.cpuUsage();
  return c.json({
    storeCalls,
    level: { ...level, journalBytes: journal.bytes },
    cpuMicros: user + system,
    spansExported,
  });
});
const bareUrl = await listen(bare.fetch);

// The floor: what no verification can skip, and nothing else.
const { d: _private, ...publicJwk } = await exportJWK(privateKey);
const publicKey = await importJWK(publicJwk, 'ES256');
const fingerprints = new Fingerprinter('b'.repeat(48));
const faceIdProvider = createTencentFaceIdProvider((await config()).providers['tencent-faceid']);
const floor = new Hono();
floor.post('/v1/verifications', async (c) => {
  const token = c.req.header('authorization')?.slice('Bearer '.length) ?? '';
  // The checks the BFF makes on a token (its jose options), nothing more.
  const { payload } = await jwtVerify(token, publicKey, {
    algorithms: ['ES256'],
    typ: 'JWT',
    issuer: bffUrl,
    audience: 'cardbind-widget',
    requiredClaims: ['exp', 'jti', 'sub'],
    maxTokenAge: 600,
    clockTolerance: 5,
  });
  const body = await c.req.json();
  fingerprints.fingerprint('card', body.cardNumber);
  fingerprints.fingerprint('id', body.idNumber);
  fingerprints.fingerprint('verification', `${body.kind}|${body.name}|${body.idNumber}|${body.cardNumber}|`);
  const id = `ver_${crypto.randomUUID().replace(/-/g, '')}`;
  const ctx = createCallContext({ fetch: providerFetch });
  let outcome;
  try {
    outcome = await faceIdProvider.verify3(
      { kind: 3, orderNo: id.slice(4), name: body.name, idNumber: body.idNumber, cardNumber: body.cardNumber },
      ctx,
    );
  } finally {
    ctx.release();
  }
  return c.json({ id, card: maskCard(body.cardNumber), outcome, merchant: payload.sub });
});
const floorUrl = await listen(floor.fetch);
process.stdout.write(`${JSON.stringify({ bffUrl, bareUrl, floorUrl })}\n`);
// A clean exit on SIGTERM, so that --cpu-prof can write its profile.
process.on('SIGTERM', () => process.exit(0));
