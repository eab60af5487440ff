// What the provider-client benches share: one simulator in its own process, the clients called in
// interleaved rounds at concurrency 1 and 16, calls per second and this process's CPU per call,
// every answer tallied; the bench fails unless every answer is `verified`.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createCallContext } from '@cardbind/core';
import { CARDHOLDERS } from '@cardbind/sandbox';
import { createNodeTransport } from '../dist/node/serve.js';

const SECONDS = Number(process.env.BENCH_CLIENT_SECONDS ?? 3);
const ROUNDS = 3;

/** Starts a simulator script that prints `{"url": …}` first; its URL and a way to stop it. */
export async function simulatorProcess(script) {
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const { url } = await new Promise((resolve) =>
    createInterface({ input: child.stdout }).once('line', (line) => resolve(JSON.parse(line))),
  );
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Answers per client: `tally(client, 'verified')`, or what came instead. */
export function answers() {
  const outcomes = new Map();
  const tally = (client, answer) =>
    outcomes.set(`${client}: ${answer}`, (outcomes.get(`${client}: ${answer}`) ?? 0) + 1);
  /** A call that throws is counted as a wrong answer, by its error, instead of ending the bench. */
  const counted = (name, call) => () =>
    call().catch((error) => tally(name, `error ${error.code ?? error.name}: ${String(error.message).slice(0, 60)}`));
  return { outcomes, tally, counted };
}

/** Ours: `provider` verifying the first sandbox cardholder's 3 elements, as the BFF runs it on Node. */
export function providerClient(provider, tally) {
  const holder = CARDHOLDERS[0];
  const request = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0] };
  const transport = createNodeTransport();
  let orderSeq = 0;
  return async () => {
    const ctx = createCallContext({ transport });
    try {
      const outcome = await provider.verify3({ ...request, orderNo: `o${orderSeq++}` }, ctx);
      tally('cardbind provider', outcome.status === 'verified' ? 'verified' : `${outcome.status} ${outcome.reason}`);
    } finally {
      ctx.release();
    }
  };
}

/** `concurrency` loops calling `call` for SECONDS: calls, and CPU µs of this process. */
async function measure(call, concurrency) {
  const deadline = performance.now() + SECONDS * 1000;
  const cpu = process.cpuUsage();
  const started = performance.now();
  let calls = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        await call();
        calls++;
      }
    }),
  );
  const used = process.cpuUsage(cpu);
  return { calls, seconds: (performance.now() - started) / 1000, cpu: used.user + used.system };
}

/**
 * Runs `clients` (name → call) in interleaved rounds and prints the table, each beside the
 * `baselines` (names of clients); exits 1 unless every tallied answer is `verified`.
 */
export async function runClientBench({ title, clients, baselines, outcomes, stop }) {
  const results = {};
  try {
    for (const call of Object.values(clients)) await measure(call, 4); // warm-up: connections, JIT
    outcomes.clear();
    for (let round = 0; round < ROUNDS; round++) {
      for (const concurrency of [1, 16]) {
        for (const [name, call] of Object.entries(clients)) {
          const r = await measure(call, concurrency);
          const key = `${name}|${concurrency}`;
          results[key] ??= { calls: 0, seconds: 0, cpu: 0 };
          results[key].calls += r.calls;
          results[key].seconds += r.seconds;
          results[key].cpu += r.cpu;
        }
      }
    }
  } finally {
    stop();
  }
  const rate = (name, c) => results[`${name}|${c}`].calls / results[`${name}|${c}`].seconds;
  console.log(`\n${title}, ${ROUNDS} interleaved rounds of ${SECONDS} s (Node ${process.version}):`);
  console.table(
    [1, 16].flatMap((c) =>
      Object.keys(clients).map((name) => ({
        client: name,
        concurrency: c,
        'calls/s': Math.round(rate(name, c)),
        ...Object.fromEntries(baselines.map((b) => [`vs ${b}`, (rate(name, c) / rate(b, c)).toFixed(2)])),
        'client CPU µs/call': Math.round(results[`${name}|${c}`].cpu / results[`${name}|${c}`].calls),
      })),
    ),
  );
  console.log('Answers by client (all must be verified):');
  console.table([...outcomes].map(([answer, count]) => ({ answer, count })));
  const wrong = [...outcomes].filter(([answer]) => !answer.endsWith(': verified'));
  if (wrong.length) {
    console.error(`${title} bench FAILED: ${wrong.map(([a, n]) => `${n} × ${a}`).join(', ')}`);
    process.exit(1);
  }
}
