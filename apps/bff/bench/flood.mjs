// pnpm bench (apps/bff): verifications while forged notifications flood the
// unauthenticated notification route, beside the same verifications with no
// flood, in one run. The BFF is the Node entry in its own process with its
// shipped default limits; the simulators, the flood and the verifications run
// here. Fails (exit 1) if a verification is not `verified`, if a flood answer
// is anything but a refusal, or if the p50 under flood is over 2× the p50
// without it.
import { createHash } from 'node:crypto';
import { importRsaPublicKey, toBase64 } from '@cardbind/core/crypto';
import {
  createAggSigner,
  MAX_NOTIFICATION_PLAINTEXT,
  sealEnvelope,
} from '@cardbind/core/providers/aggregate-pay/internal';
import {
  createAggregatePaySimulator,
  createFaceIdSimulator,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  sandboxProviderConfigs,
} from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { exportJWK, generateKeyPair } from 'jose';
import { startBffProcess } from './bff-process.mjs';

const FLOOD_PER_SECOND = 50;
const FLOOD_SECONDS = 10;
const API_KEY = 'sk_bench_0123456789abcdef';
const ORIGIN = 'http://shop.localhost:5173';
const holder = { name: '张三', idNumber: '11010519491231002X', cardNumber: '6222020000000001008' };

const faceid = await listen(createFaceIdSimulator({ qps: 1_000_000 }).app.fetch);
const aggregate = await listen(createAggregatePaySimulator().app.fetch);
const providers = sandboxProviderConfigs({ 'tencent-faceid': faceid.url, 'aggregate-pay': aggregate.url });
const { privateKey } = await generateKeyPair('ES256', { extractable: true });
const many = 1_000_000_000;
const config = {
  publicUrl: 'http://127.0.0.1:0',
  merchants: [
    { id: 'shop', apiKeySha256: createHash('sha256').update(API_KEY).digest('hex'), allowedOrigins: [ORIGIN] },
  ],
  signingKeys: [{ kid: 'bench', privateJwk: await exportJWK(privateKey) }],
  fingerprintSecret: 'b'.repeat(48),
  providers: { 'tencent-faceid': providers['tencent-faceid'], 'aggregate-pay': providers['aggregate-pay'] },
  routing: { verify3: ['tencent-faceid'], bindCard: ['aggregate-pay'] },
  // The verifications' own limits out of the way; the notification limits are the shipped defaults.
  limits: {
    sessionAttempts: many,
    cardPerDay: many,
    idPerDay: many,
    ipPerMinute: many,
    providerQps: { 'tencent-faceid': 1_000_000 },
  },
};
const bff = await startBffProcess(config);
const bffUrl = bff.url;

// The forgeries: random blocks, and the longest well-formed envelope the route
// decrypts (sealed with the merchant's public key, which the sandbox publishes).
const customerNo = providers['aggregate-pay'].customerNo;
const merchantPublic = await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
const blockBytes = 256;
const maxBlocks = Math.ceil(MAX_NOTIFICATION_PLAINTEXT / (blockBytes - 11));
const forgedPlain = { customerNo, orderNo: 'BCforgedorder000000', status: 'SUCCESS', errCode: '0000', errMessage: '' };
forgedPlain.sign = await createAggSigner({ type: 'MD5', md5Key: 'not-the-key' }).sign(forgedPlain);
forgedPlain.errMessage = 'x'.repeat(maxBlocks * (blockBytes - 11) - JSON.stringify(forgedPlain).length);
const wellFormed = JSON.stringify(sealEnvelope(forgedPlain, customerNo, merchantPublic));
const randomBlock = () =>
  JSON.stringify({ customerNo, reqmsg: toBase64(crypto.getRandomValues(new Uint8Array(blockBytes))) });

async function verifyFor(ms) {
  const session = await fetch(`${bffUrl}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${API_KEY}` },
    body: JSON.stringify({ operations: ['verify3'], origin: ORIGIN }),
  });
  const { token } = await session.json();
  const latencies = [];
  const outcomes = new Map();
  const until = performance.now() + ms;
  let seq = 0;
  while (performance.now() < until) {
    const started = performance.now();
    const res = await fetch(`${bffUrl}/v1/verifications`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${token}`,
        'idempotency-key': `flood-${process.pid}-${ms}-${seq++}`,
      },
      body: JSON.stringify({ kind: 3, ...holder, consent: true }),
    });
    const body = await res.json();
    latencies.push(performance.now() - started);
    const outcome = body.outcome?.status ?? `${res.status} ${body.error?.code}`;
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }
  latencies.sort((a, b) => a - b);
  const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return { count: latencies.length, outcomes, p50: at(0.5), p99: at(0.99) };
}

async function flood() {
  const answers = new Map();
  const pending = [];
  const started = performance.now();
  for (let i = 0; i < FLOOD_PER_SECOND * FLOOD_SECONDS; i++) {
    // On schedule, whatever the answers take: 50 per second from the start.
    const due = started + (i * 1000) / FLOOD_PER_SECOND;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
    const kind = i % 2 === 0 ? 'random blocks' : `well-formed, ${maxBlocks} blocks`;
    pending.push(
      fetch(`${bffUrl}/v1/notify/aggregate-pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: i % 2 === 0 ? randomBlock() : wellFormed,
      }).then(async (res) => {
        const key = `${kind} → ${res.status} ${(await res.json().catch(() => ({}))).error?.code}`;
        answers.set(key, (answers.get(key) ?? 0) + 1);
      }),
    );
  }
  await Promise.all(pending);
  return answers;
}

// Warm-up: the JIT and LevelDB take a few thousand verifications to settle.
await verifyFor(10_000);
const quiet = await verifyFor(FLOOD_SECONDS * 1000);
const [floodAnswers, loud] = await Promise.all([flood(), verifyFor(FLOOD_SECONDS * 1000)]);
const quietAfter = await verifyFor(FLOOD_SECONDS * 1000);

const row = (name, r) => ({
  verifications: name,
  count: r.count,
  verified: r.outcomes.get('verified') ?? 0,
  'p50 ms': r.p50.toFixed(2),
  'p99 ms': r.p99.toFixed(2),
});
console.log(
  `\nVerifications one at a time, ${FLOOD_SECONDS} s each, while ${FLOOD_PER_SECOND} forged notifications/s arrive on other connections (Node ${process.version}; default limits):`,
);
console.table([row('no flood', quiet), row('under the flood', loud), row('no flood, after', quietAfter)]);
console.log('Flood answers:');
console.table([...floodAnswers].map(([answer, count]) => ({ answer, count })));
// Against the faster of the two quiet rounds: the stricter comparison.
const ratio = loud.p50 / Math.min(quiet.p50, quietAfter.p50);
console.log(`p50 under flood / p50 without: ${ratio.toFixed(2)}× (must be ≤ 2)`);

const problems = [];
for (const r of [quiet, loud, quietAfter]) {
  for (const [outcome, n] of r.outcomes)
    if (outcome !== 'verified') problems.push(`${n} verifications answered ${outcome}`);
}
const refusals = /→ (400 NOTIFY_REJECTED|503 NOTIFY_BUSY|429 RATE_LIMITED)$/;
for (const [answer, n] of floodAnswers)
  if (!refusals.test(answer)) problems.push(`${n} forged notifications answered ${answer}`);
if (ratio > 2) problems.push(`p50 under flood is ${ratio.toFixed(2)}× the quiet p50`);
bff.stop();
await Promise.all([faceid.close(), aggregate.close()]);
if (problems.length) {
  console.error(`flood bench FAILED:\n  ${problems.join('\n  ')}`);
  process.exit(1);
}
