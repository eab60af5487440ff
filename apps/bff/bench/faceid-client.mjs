// pnpm bench (apps/bff): FaceID 3-element verifications from three clients
// against one out-of-process simulator over real HTTP, in interleaved rounds:
//   - Tencent's official SDK (tencentcloud-sdk-nodejs, with a keep-alive agent),
//   - a bare pre-signed request through the global fetch (the floor of any client
//     built on fetch: signing done once, outside the loop),
//   - our provider (@cardbind/core) over the BFF's Node transport (createNodeTransport).
// Every answer is checked: the bench fails unless all are verified. Client CPU
// per call is this process's user+system time over the calls it made.
import { Agent } from 'node:http';
import { createTencentFaceIdProvider, faceIdHeaders } from '@cardbind/core/providers/tencent-faceid/internal';
import { CARDHOLDERS, SANDBOX_CREDENTIALS } from '@cardbind/sandbox';
import tencentcloud from 'tencentcloud-sdk-nodejs';
import { answers, providerClient, runClientBench, simulatorProcess } from './client-bench.mjs';

const holder = CARDHOLDERS[0];
const fields = { Name: holder.name, IdCard: holder.idNumber, BankCard: holder.cards[0] };
const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;

const simulator = await simulatorProcess(new URL('./faceid-simulator.mjs', import.meta.url).pathname);
const { url } = simulator;
const { outcomes, tally, counted } = answers();

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
const viaProvider = providerClient(provider, tally);

await runClientBench({
  title: 'FaceID BankCardVerification against one out-of-process simulator',
  clients: {
    'official SDK': counted('official SDK', viaSdk),
    'bare pre-signed fetch': counted('bare pre-signed fetch', viaBareFetch),
    'cardbind provider': counted('cardbind provider', viaProvider),
  },
  baselines: ['official SDK', 'bare pre-signed fetch'],
  outcomes,
  stop: simulator.stop,
});
