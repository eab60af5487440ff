// pnpm bench (apps/bff): FaceID 3-element verifications from three clients
// against one out-of-process simulator over real HTTP, in interleaved rounds:
//   - Tencent's official SDK (tencentcloud-sdk-nodejs, with a keep-alive agent),
//   - a bare pre-signed request through the global fetch (the floor of any client
//     built on fetch: signing done once, outside the loop),
//   - our provider (@cardbind/core) over the BFF's Node transport (createNodeTransport).
// Every answer is checked: the bench fails unless all are verified. Client CPU
// per call is this process's user+system time over the calls it made.
import { spawn } from 'node:child_process';
import { Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { createCallContext } from '@cardbind/core';
import { createTencentFaceIdProvider, faceIdHeaders } from '@cardbind/core/providers/tencent-faceid/internal';
import { CARDHOLDERS, SANDBOX_CREDENTIALS } from '@cardbind/sandbox';
import tencentcloud from 'tencentcloud-sdk-nodejs';
import { createNodeTransport } from '../dist/node/serve.js';

const SECONDS = Number(process.env.BENCH_CLIENT_SECONDS ?? 3);
const ROUNDS = 3;
const holder = CARDHOLDERS[0];
const fields = { Name: holder.name, IdCard: holder.idNumber, BankCard: holder.cards[0] };
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;

const simulator = spawn(process.execPath, [new URL('./faceid-simulator.mjs', import.meta.url).pathname], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const { url } = await new Promise((resolve) =>
  createInterface({ input: simulator.stdout }).once('line', (line) => resolve(JSON.parse(line))),
);

const outcomes = new Map();
const tally = (client, answer) => outcomes.set(`${client}: ${answer}`, (outcomes.get(`${client}: ${answer}`) ?? 0) + 1);

// 1. The official SDK, as a merchant would configure it for a fast path: a keep-alive agent, plain
// http. It derives the TC3 service from the endpoint's first label, so it is given
// faceid.tencentcloudapi.com on the simulator's port, and its agent resolves that name to loopback.
const loopback = (_hostname, options, callback) =>
  options?.all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4);
const sdk = new tencentcloud.faceid.v20180301.Client({
  credential: { secretId, secretKey },
  region: '',
  profile: {
    httpProfile: {
      endpoint: `faceid.tencentcloudapi.com:${new URL(url).port}`,
      protocol: 'http://',
      // Idle sockets close after 4 s, as in our transport: the simulator closes them at 5 s.
      agent: new Agent({ keepAlive: true, timeout: 4_000, lookup: loopback }),
    },
  },
});
const viaSdk = async () => {
  const answer = await sdk.BankCardVerification(fields);
  tally('official SDK', answer.Result === '0' ? 'verified' : `Result ${answer.Result}`);
};

// 2. A request signed once (valid for minutes), sent again and again through the global fetch.
const payload = JSON.stringify(fields);
const preSigned = faceIdHeaders({
  secretId,
  secretKey,
  service: 'faceid',
  host: new URL(url).hostname,
  action: 'BankCardVerification',
  timestamp: Math.floor(Date.now() / 1000),
  payload,
});
const viaBareFetch = async () => {
  const res = await fetch(url, { method: 'POST', headers: preSigned, body: payload });
  const json = await res.json();
  tally(
    'bare pre-signed fetch',
    json.Response?.Result === '0' ? 'verified' : `${json.Response?.Error?.Code ?? json.Response?.Result}`,
  );
};

// 3. Ours: the provider as the BFF runs it on Node.
const provider = createTencentFaceIdProvider({ secretId, secretKey, endpoint: url, service: 'faceid' });
const transport = createNodeTransport();
let orderSeq = 0;
const request = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0] };
const viaProvider = async () => {
  const ctx = createCallContext({ transport });
  try {
    const outcome = await provider.verify3({ ...request, orderNo: `o${orderSeq++}` }, ctx);
    tally('cardbind provider', outcome.status === 'verified' ? 'verified' : `${outcome.status} ${outcome.reason}`);
  } finally {
    ctx.release();
  }
};

/** A call that throws is counted as a wrong answer, by its error, instead of ending the bench. */
const counted = (name, call) => () =>
  call().catch((error) => tally(name, `error ${error.code ?? error.name}: ${String(error.message).slice(0, 60)}`));
const CLIENTS = {
  'official SDK': counted('official SDK', viaSdk),
  'bare pre-signed fetch': counted('bare pre-signed fetch', viaBareFetch),
  'cardbind provider': counted('cardbind provider', viaProvider),
};

/** `concurrency` loops calling `call` for `SECONDS`: calls per second and CPU µs per call. */
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
  const elapsed = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { calls, perSecond: calls / elapsed, cpuUs: (used.user + used.system) / calls };
}

const results = {};
try {
  for (const name of Object.keys(CLIENTS)) await measure(CLIENTS[name], 4); // warm-up: connections, JIT
  outcomes.clear();
  for (let round = 0; round < ROUNDS; round++) {
    for (const concurrency of [1, 16]) {
      for (const [name, call] of Object.entries(CLIENTS)) {
        const r = await measure(call, concurrency);
        const key = `${name}|${concurrency}`;
        results[key] ??= { calls: 0, seconds: 0, cpu: 0 };
        results[key].calls += r.calls;
        results[key].seconds += r.calls / r.perSecond;
        results[key].cpu += r.cpuUs * r.calls;
      }
    }
  }
} finally {
  simulator.kill('SIGTERM');
}

const rate = (name, c) => results[`${name}|${c}`].calls / results[`${name}|${c}`].seconds;
console.log(
  `\nFaceID BankCardVerification against one out-of-process simulator, ${ROUNDS} interleaved rounds of ${SECONDS} s (Node ${process.version}):`,
);
console.table(
  [1, 16].flatMap((c) =>
    Object.keys(CLIENTS).map((name) => ({
      client: name,
      concurrency: c,
      'calls/s': Math.round(rate(name, c)),
      'vs SDK': (rate(name, c) / rate('official SDK', c)).toFixed(2),
      'vs bare fetch': (rate(name, c) / rate('bare pre-signed fetch', c)).toFixed(2),
      'client CPU µs/call': Math.round(results[`${name}|${c}`].cpu / results[`${name}|${c}`].calls),
    })),
  ),
);
console.log('Answers by client (all must be verified):');
console.table([...outcomes].map(([answer, count]) => ({ answer, count })));
const wrong = [...outcomes].filter(([answer]) => !answer.endsWith(': verified'));
if (wrong.length) {
  console.error(`faceid-client bench FAILED: ${wrong.map(([a, n]) => `${n} × ${a}`).join(', ')}`);
  process.exit(1);
}
