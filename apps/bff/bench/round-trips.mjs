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
  for (let i = 0; i < 70; i++) {
    const start = performance.now();
    await client.ping();
    // The first ones open the connection and warm the code up.
    if (i >= 20) times.push(performance.now() - start);
  }
  await client.close();
  return median(times);
}

const outcomes = new Map();
const CHUNK = 50;
/**
 * Verifications one at a time on each server, the servers taking turns in chunks of CHUNK (the
 * machine's speed drifts over a run: turns give every build the same share of it); per server the
 * p50 and p90, and per verification the Redis commands and the proxy's flights.
 */
async function measure(servers) {
  const send = async (server, label, i) => {
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
  const results = servers.map(() => ({ times: [], commands: 0, flights: 0 }));
  for (const { server, label } of servers) {
    for (let i = 0; i < 30; i++) await send(server, label, `warm-${i}`);
  }
  for (let done = 0; done < N; done += CHUNK) {
    for (const [k, { server, label }] of servers.entries()) {
      const [commandsBefore, flightsBefore] = [await commands(), proxy.stats.flights];
      for (let i = done; i < Math.min(N, done + CHUNK); i++) results[k].times.push(await send(server, label, i));
      // (The INFO read itself is one command.)
      results[k].commands += (await commands()) - commandsBefore - 1;
      results[k].flights += proxy.stats.flights - flightsBefore;
    }
  }
  return results.map(({ times, commands: c, flights }) => {
    times.sort((a, b) => a - b);
    return { p50: times[Math.floor(N * 0.5)], p90: times[Math.floor(N * 0.9)], commands: c / N, flights: flights / N };
  });
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
const added = `+${ADDED_RTT_MS} ms round trip (PING ${direct.toFixed(2)} → ${delayed.toFixed(2)} ms)`;
try {
  const stores = [
    ['LevelDB (embedded)', {}],
    ['Redis, direct', { BENCH_REDIS_URL: redis.url }],
    [`Redis, ${added}`, { BENCH_REDIS_URL: proxy.url }],
  ];
  for (const [store, env] of stores) {
    const servers = [];
    try {
      for (const build of builds) {
        servers.push({ server: await startServer({ ...build.env, ...env }), label: `${build.name}, ${store}`, build });
      }
      const results = await measure(servers);
      const onProxy = env.BENCH_REDIS_URL === proxy.url;
      for (const [k, m] of results.entries()) {
        const { build } = servers[k];
        if (onProxy) roundTrips.set(build.name, m.flights);
        rows.push({
          build: build.name,
          store,
          'p50 ms': m.p50.toFixed(2),
          'p90 ms': m.p90.toFixed(2),
          'Redis commands / verification (scripts: each call)': env.BENCH_REDIS_URL ? m.commands.toFixed(1) : '–',
          'sequential round trips': onProxy ? m.flights.toFixed(2) : '',
        });
      }
    } finally {
      for (const { server } of servers) server.stop();
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
