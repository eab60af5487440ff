// pnpm bench (apps/bff): verifications through the BFF on Node beside a bare
// Hono route answering the same JSON, in one run, then the server's resident
// memory after 10k and after 100k verifications. The server runs in its own
// process (server.mjs) so the load generator does not share its core.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 16;
const holder = { name: '张三', idNumber: '11010519491231002X', cardNumber: '6222020000000001008' };
const body = JSON.stringify({ kind: 3, ...holder, consent: true });

const child = spawn(
  process.execPath,
  [
    ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
    '--expose-gc',
    process.env.BENCH_SERVER ?? new URL('./server.mjs', import.meta.url).pathname,
  ],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const { bffUrl, bareUrl } = await new Promise((resolve) =>
  createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line))),
);
const { API_KEY, ORIGIN } = { API_KEY: 'sk_bench_0123456789abcdef', ORIGIN: 'http://shop.localhost:5173' };
const session = await fetch(`${bffUrl}/v1/sessions`, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
  body: JSON.stringify({ operations: ['verify3'], origin: ORIGIN }),
});
const { token } = await session.json();

let seq = 0;
let verifications = 0;
/** What the BFF answered, by outcome: the bench measures verifications only if they are `verified`. */
const outcomes = new Map();
const count = (status, body) => {
  let key = `HTTP ${status}`;
  try {
    const json = JSON.parse(body);
    key = json.outcome
      ? `${json.outcome.status}${json.outcome.reason === 'VERIFIED' ? '' : ` ${json.outcome.reason}`}`
      : `${status} ${json.error?.code}`;
  } catch {}
  outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
};
function run(url, options) {
  const counting = url === bffUrl;
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `${url}/v1/verifications`,
        connections: CONNECTIONS,
        ...options,
        requests: [
          {
            method: 'POST',
            body,
            ...(counting ? { onResponse: (status, body) => count(status, body) } : {}),
            setupRequest: (req) => {
              if (counting) verifications++;
              return {
                ...req,
                headers: {
                  'content-type': 'application/json',
                  origin: ORIGIN,
                  authorization: `Bearer ${token}`,
                  'idempotency-key': `bench-${process.pid}-${seq++}`,
                },
              };
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

const memoryOf = async () => {
  const { rss, heapUsed } = await (await fetch(`${bareUrl}/__rss`)).json();
  return { 'RSS MiB': (rss / 2 ** 20).toFixed(1), 'JS heap MiB': (heapUsed / 2 ** 20).toFixed(1) };
};
const row = (name, r) => ({
  route: name,
  'req/s': Math.round(r.requests.average),
  'p50 ms': r.latency.p50,
  'p99 ms': r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors,
});

await run(bareUrl, { duration: 2 }); // warm-up
await run(bffUrl, { duration: 2 });
const bare = await run(bareUrl, { duration: DURATION_S });
const bff = await run(bffUrl, { duration: DURATION_S });
console.log(`\nVerification requests, ${CONNECTIONS} connections, ${DURATION_S} s each (Node ${process.version}):`);
console.table([row('bare Hono route, same JSON', bare), row('cardbind BFF (FaceID sandbox in-process)', bff)]);

// Resident memory: whatever the in-memory parts hold must expire or stay bounded.
const done = () => verifications;
const memory = [{ verifications: done(), ...(await memoryOf()) }];
for (const target of [10_000, 100_000]) {
  const remaining = target - done();
  if (remaining > 0) await run(bffUrl, { amount: remaining });
  memory.push({ verifications: done(), ...(await memoryOf()) });
}
console.log(
  "\nBFF server process memory after a forced GC (RSS includes LevelDB's bounded caches and mapped table files):",
);
console.table(memory);
child.kill();

console.log('\nBFF answers by outcome (all must be verified):');
console.table([...outcomes].map(([outcome, n]) => ({ outcome, count: n })));
const wrong = [...outcomes].filter(([outcome]) => outcome !== 'verified');
if (wrong.length) {
  console.error(`load bench FAILED: ${wrong.map(([o, n]) => `${n} × ${o}`).join(', ')}`);
  process.exit(1);
}
