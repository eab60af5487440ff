// Store round trips on a verification's path, on Redis over a network: the BFF bench server
// (server.mjs) at concurrency 1, on the embedded store, on Redis directly, and on Redis behind a
// loopback proxy that adds BENCH_ADDED_RTT_MS (default 2) to every round trip; this build beside
// the previous main's (bench/BASELINE), both under this same harness (server.mjs with BENCH_DIST).
// The proxy counts the flights of commands (the sequential round trips); Redis counts its commands.
import { createClient } from '@redis/client';
import { baselineBuild } from './baseline.mjs';
import { delayProxy } from './load/delay-proxy.mjs';
import { median, startRedis, startServer } from './load/runner.mjs';

const N = Number(process.env.BENCH_ROUND_TRIP_REQUESTS ?? 300);
const ADDED_RTT_MS = Number(process.env.BENCH_ADDED_RTT_MS ?? 2);
const MAX_ROUND_TRIPS = 3;
const body = JSON.stringify({
  kind: 3,
  name: '张三',
  idNumber: '11010519491231002X',
  cardNumber: '6222020000000001008',
  consent: true,
});
const ORIGIN = 'http://shop.localhost:5173';

const redis = await startRedis();
if (!redis) {
  console.log('\n(no redis-server on this machine: the round-trip bench is skipped)');
  process.exit(0);
}
const proxy = await delayProxy(redis.url, ADDED_RTT_MS / 2);
const info = createClient({ url: redis.url });
await info.connect();
const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await info.info('stats'))?.[1]);

/** The round trip a PING takes, median of 50, on a connection to `url`. */
async function pingMs(url) {
  const client = createClient({ url });
  await client.connect();
  const times = [];
  for (let i = 0; i < 50; i++) {
    const start = performance.now();
    await client.ping();
    times.push(performance.now() - start);
  }
  await client.close();
  return median(times);
}

const outcomes = new Map();
/** N verifications one at a time; the p50 and p90, and per verification the Redis commands and flights. */
async function measure(server, label) {
  const send = async (i) => {
    const start = performance.now();
    const res = await fetch(`${server.bffUrl}/v1/verifications`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${server.token}`,
        'idempotency-key': `rt-${label.replace(/\W+/g, '-')}-${i}-${Date.now()}`,
        'x-forwarded-for': '198.51.100.7',
      },
      body,
    });
    const json = await res.json();
    const outcome = `${label}: ${json.outcome?.status ?? `${res.status} ${json.error?.code}`}`;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    return performance.now() - start;
  };
  for (let i = 0; i < 30; i++) await send(`warm-${i}`);
  const [commandsBefore, flightsBefore] = [await commands(), proxy.stats.flights];
  const times = [];
  for (let i = 0; i < N; i++) times.push(await send(i));
  const perRequest = (x) => x / N;
  times.sort((a, b) => a - b);
  return {
    p50: times[Math.floor(N * 0.5)],
    p90: times[Math.floor(N * 0.9)],
    // (The INFO read itself is one command.)
    commands: perRequest((await commands()) - commandsBefore - 1),
    flights: perRequest(proxy.stats.flights - flightsBefore),
  };
}

const baseline = baselineBuild();
const builds = [{ name: 'this build', env: {} }];
if (baseline) {
  builds.push({
    name: `previous (${baseline.commit.slice(0, 12)})`,
    env: { BENCH_DIST: `${baseline.dir}/apps/bff/dist` },
  });
}
const direct = await pingMs(redis.url);
const delayed = await pingMs(proxy.url);
const rows = [];
const roundTrips = new Map();
try {
  for (const build of builds) {
    const stores = [
      ['LevelDB (embedded)', {}],
      ['Redis, direct', { BENCH_REDIS_URL: redis.url }],
      [`Redis, +${(delayed - direct).toFixed(1)} ms round trip`, { BENCH_REDIS_URL: proxy.url }],
    ];
    for (const [store, env] of stores) {
      const server = await startServer({ ...build.env, ...env });
      try {
        const m = await measure(server, `${build.name}, ${store}`);
        const onProxy = env.BENCH_REDIS_URL === proxy.url;
        if (onProxy) roundTrips.set(build.name, m.flights);
        rows.push({
          build: build.name,
          store,
          'p50 ms': m.p50.toFixed(2),
          'p90 ms': m.p90.toFixed(2),
          'Redis commands / verification (scripts: each call)': env.BENCH_REDIS_URL ? m.commands.toFixed(1) : '–',
          'sequential round trips': onProxy ? m.flights.toFixed(2) : '',
        });
      } finally {
        server.stop();
      }
    }
  }
} finally {
  await info.close();
  await proxy.close();
  redis.stop();
}
console.log(
  `\nStore round trips on the verification path at concurrency 1 (${N} verifications each, 3-element, per-IP limit on);` +
    ` PING: ${direct.toFixed(2)} ms direct, ${delayed.toFixed(2)} ms through the proxy (BENCH_ADDED_RTT_MS=${ADDED_RTT_MS}):`,
);
console.table(rows);
console.log('\nAnswers by build, store and outcome (all must be verified):');
console.table([...outcomes].map(([outcome, n]) => ({ outcome, count: n })));
const wrong = [...outcomes].filter(([outcome]) => !outcome.endsWith(': verified'));
if (wrong.length) {
  console.error(`round-trip bench FAILED: ${wrong.map(([o, n]) => `${n} × ${o}`).join(', ')}`);
  process.exit(1);
}
const ours = roundTrips.get('this build') ?? Number.POSITIVE_INFINITY;
if (ours > MAX_ROUND_TRIPS + 0.05) {
  console.error(
    `round-trip bench FAILED: ${ours.toFixed(2)} sequential round trips per verification (at most ${MAX_ROUND_TRIPS})`,
  );
  process.exit(1);
}
