// The load bench's parts: servers in their own processes (server.mjs), autocannon runs counted
// by outcome, rounds of the floor and the BFF side by side, the concurrency-1 comparison, and a
// throwaway redis-server. load.mjs runs the steps.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort } from '@cardbind/sandbox/node';
import autocannon from 'autocannon';
import { Pool } from 'undici';

export const DURATION_S = Number(process.env.BENCH_SECONDS ?? 6);
/** The floor and the BFF are measured in this many alternating rounds of DURATION_S each. */
export const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
export const CONNECTIONS = 16;
/** Seconds of untimed load on the floor and the BFF before the timed rounds. */
export const WARM_UP_S = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
/** Requests per route in the concurrency-1 comparison. */
export const ONE_AT_A_TIME = Number(process.env.BENCH_ONE_AT_A_TIME ?? 3000);
export const API_KEY = 'sk_bench_0123456789abcdef';
export const OPERATOR_KEY = 'op_bench_0123456789abcdef';
export const ORIGIN = 'http://shop.localhost:5173';
export const holder = { name: '张三', idNumber: '11010519491231002X', cardNumber: '6222020000000001008' };
export const body = JSON.stringify({ kind: 3, ...holder, consent: true });

/** What the verification routes answered, by outcome: only `verified` is what the bench means to measure. */
export const outcomes = new Map();
export const count = (route, status, text) => {
  let key = `HTTP ${status}`;
  try {
    const json = JSON.parse(text);
    key = json.outcome
      ? `${json.outcome.status}${json.outcome.reason === 'VERIFIED' ? '' : ` ${json.outcome.reason}`}`
      : `${status} ${json.error?.code}`;
  } catch {}
  outcomes.set(`${route}: ${key}`, (outcomes.get(`${route}: ${key}`) ?? 0) + 1);
};

export async function startServer(env = {}, server = new URL('../server.mjs', import.meta.url).pathname) {
  const child = spawn(process.execPath, ['--expose-gc', server], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  const urls = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line)));
    child.once('exit', (code) => reject(new Error(`server.mjs exited ${code}`)));
  });
  const session = await fetch(`${urls.bffUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ operations: ['verify3'], origin: ORIGIN }),
  });
  const { token } = await session.json();
  const stats = async () => (await fetch(`${urls.bareUrl}/__stats`)).json();
  const memory = () => settled(async () => (await fetch(`${urls.bareUrl}/__rss`)).json());
  return { ...urls, token, stats, memory, stop: () => child.kill() };
}

/**
 * Memory as it stands once the last run's requests are gone: read straight after a run, a forced
 * GC still finds their sockets and buffers (up to 20 MiB more heap, measured); 200 ms later the
 * readings agree to 0.1 MiB. Reads until two in a row agree within 1 MiB.
 */
async function settled(read) {
  let last = await read();
  for (let i = 0; i < 10; i++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await read();
    if (Math.abs(next.heapUsed - last.heapUsed) < 2 ** 20) return next;
    last = next;
  }
  return last;
}

/** The median of numbers (the mean of the middle two of an even count). */
export const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (sorted[(sorted.length - 1) >> 1] + sorted[sorted.length >> 1]) / 2;
};

export let seq = 0;
export function run(server, which, label, options) {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${server[which]}/v1/verifications`,
        connections: CONNECTIONS,
        ...options,
        requests: [
          {
            method: 'POST',
            body,
            ...(which === 'bareUrl' ? {} : { onResponse: (status, text) => count(label, status, text) }),
            setupRequest: (req) => ({
              ...req,
              headers: {
                'content-type': 'application/json',
                origin: ORIGIN,
                authorization: `Bearer ${server.token}`,
                'idempotency-key': `bench-${process.pid}-${seq++}`,
              },
            }),
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

export const row = (name, r, floor) => ({
  route: name,
  'req/s': Math.round(r.requests.average),
  'vs floor': floor ? (r.requests.average / floor.requests.average).toFixed(2) : '',
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  'server CPU µs/req': r.cpuPerRequest === undefined ? '' : Math.round(r.cpuPerRequest),
  answers: r.requests.total,
});

/**
 * One run with the server's counters read before and after: its CPU time (all threads) per
 * request, store calls per request, and for LevelDB the batches, keys and bytes written and disk reads.
 */
export async function measured(server, which, label, options) {
  const before = await server.stats();
  const result = await run(server, which, label, options);
  const after = await server.stats();
  const per = (n) => n / result.requests.total;
  result.cpuPerRequest = per(after.cpuMicros - before.cpuMicros);
  return {
    result,
    roundTrips: per(after.storeCalls - before.storeCalls),
    batches: per(after.level.batches - before.level.batches),
    writes: per(after.level.writes - before.level.writes),
    bytes: per(after.level.bytes - before.level.bytes),
    journalBytes: per(after.level.journalBytes - before.level.journalBytes),
    reads: per(after.level.reads - before.level.reads),
  };
}

/** Several runs of one route as one: totals summed, per-request figures weighted, latencies the median round's. */
export function merged(runs) {
  const total = (f) => runs.reduce((sum, r) => sum + f(r), 0);
  const requests = total((r) => r.result.requests.total);
  const weighted = (f) => total((r) => f(r) * r.result.requests.total) / requests;
  const median = (f) => runs.map(f).sort((a, b) => a - b)[runs.length >> 1];
  return {
    result: {
      requests: { total: requests, average: requests / total((r) => r.result.duration) },
      latency: { p50: median((r) => r.result.latency.p50), p99: median((r) => r.result.latency.p99) },
      cpuPerRequest: weighted((r) => r.result.cpuPerRequest),
    },
    roundTrips: weighted((r) => r.roundTrips),
    batches: weighted((r) => r.batches),
    writes: weighted((r) => r.writes),
    bytes: weighted((r) => r.bytes),
    journalBytes: weighted((r) => r.journalBytes),
    reads: weighted((r) => r.reads),
  };
}

/**
 * Two routes in alternating rounds, so that both see the same machine (a busy neighbour slows
 * both). Each round starts after a second's rest, so that background work one side left behind
 * (LevelDB's compactions after the BFF's writes) is not charged to the other.
 */
export async function sideBySide(a, b, rounds) {
  const runs = { a: [], b: [] };
  for (let i = 0; i < rounds; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    runs.a.push(await measured(a.server, a.which, a.label, { duration: DURATION_S }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    runs.b.push(await measured(b.server, b.which, b.label, { duration: DURATION_S }));
  }
  return { a: merged(runs.a), b: merged(runs.b) };
}

/** The floor and the BFF of one server, side by side. */
export async function alternating(server, rounds) {
  const { a, b } = await sideBySide(
    { server, which: 'floorUrl', label: 'floor' },
    { server, which: 'bffUrl', label: 'BFF' },
    rounds,
  );
  return { floor: a, bff: b };
}

/**
 * Concurrency 1, measured one request at a time with a sub-millisecond clock (autocannon's
 * histogram counts whole milliseconds): floor and BFF interleaved, so both see the same machine.
 */
export async function oneAtATime(server, n, labels = { floorUrl: 'floor', bffUrl: 'BFF' }) {
  const pools = {
    floorUrl: new Pool(server.floorUrl, { connections: 1 }),
    bffUrl: new Pool(server.bffUrl, { connections: 1 }),
  };
  const times = { floorUrl: [], bffUrl: [] };
  const once = async (which, label) => {
    const started = process.hrtime.bigint();
    const response = await pools[which].request({
      path: '/v1/verifications',
      method: 'POST',
      body,
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${server.token}`,
        'idempotency-key': `bench-${process.pid}-${seq++}`,
      },
    });
    const text = await response.body.text();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    count(label, response.statusCode, text);
    return ms;
  };
  try {
    for (let i = 0; i < n + 300; i++) {
      if (i < 300) {
        // Warm-up: counted as answers, not timed.
        await once('floorUrl', labels.floorUrl);
        await once('bffUrl', labels.bffUrl);
        continue;
      }
      times.floorUrl.push(await once('floorUrl', labels.floorUrl));
      times.bffUrl.push(await once('bffUrl', labels.bffUrl));
    }
  } finally {
    await Promise.all(Object.values(pools).map((p) => p.close()));
  }
  const quantile = (values, q) => [...values].sort((a, b) => a - b)[Math.floor(q * (values.length - 1))];
  const summary = (values) => ({ p50: quantile(values, 0.5), p90: quantile(values, 0.9), p99: quantile(values, 0.99) });
  return { floor: summary(times.floorUrl), bff: summary(times.bffUrl) };
}

/** A throwaway redis-server on loopback, or undefined when there is none on this machine. */
export async function startRedis() {
  const binary = process.env.REDIS_SERVER ?? 'redis-server';
  if (spawnSync(binary, ['--version']).status !== 0) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'cardbind-bench-redis-'));
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  await new Promise((resolve) =>
    createInterface({ input: child.stdout }).on('line', (l) => l.includes('Ready to accept') && resolve()),
  );
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill() };
}
