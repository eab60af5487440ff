// pnpm bench (apps/bff): Alibaba Cloud BankMetaVerify, 3 elements, from two clients against one
// out-of-process simulator over real HTTP, in interleaved rounds:
//   - Alibaba's official SDK (@alicloud/cloudauth20190307, V3 signing, its defaults),
//   - our provider (@cardbind/core, V3 signing) over the BFF's Node transport.
// (No pre-signed floor as for FaceID: every request carries a nonce the gateway takes once.)
// Every answer is checked: the bench fails unless all are verified (SubCode 101).
import CloudauthModule, { BankMetaVerifyRequest } from '@alicloud/cloudauth20190307';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { createAlibabaCloudauthProvider } from '@cardbind/core/providers/alibaba-cloudauth';
import { CARDHOLDERS, SANDBOX_CREDENTIALS } from '@cardbind/sandbox';
import { answers, providerClient, runClientBench, simulatorProcess } from './client-bench.mjs';

const holder = CARDHOLDERS[0];
const { secretId: accessKeyId, secretKey: accessKeySecret } = SANDBOX_CREDENTIALS.alibabaCloudauth;
const simulator = await simulatorProcess(new URL('./cloudauth-simulator.mjs', import.meta.url).pathname);
const { outcomes, tally, counted } = answers();

const Cloudauth = CloudauthModule.default ?? CloudauthModule;
const sdk = new Cloudauth(
  new $OpenApiUtil.Config({ accessKeyId, accessKeySecret, endpoint: new URL(simulator.url).host, protocol: 'http' }),
);
const viaSdk = async () => {
  const { body } = await sdk.bankMetaVerify(
    new BankMetaVerifyRequest({
      paramType: 'normal',
      verifyMode: 'VERIFY_BANK_CARD',
      productType: 'BANK_CARD_3_META',
      bankCard: holder.cards[0],
      userName: holder.name,
      identifyNum: holder.idNumber,
      identityType: '01',
    }),
  );
  tally(
    'official SDK',
    body?.resultObject?.subCode === '101' ? 'verified' : `${body?.code}/${body?.resultObject?.subCode}`,
  );
};

const provider = createAlibabaCloudauthProvider({ accessKeyId, accessKeySecret, endpoints: [simulator.url] });
const viaProvider = providerClient(provider, tally);

await runClientBench({
  title: 'Alibaba Cloud BankMetaVerify (3 elements) against one out-of-process simulator',
  clients: {
    'official SDK': counted('official SDK', viaSdk),
    'cardbind provider': counted('cardbind provider', viaProvider),
  },
  baselines: ['official SDK'],
  outcomes,
  stop: simulator.stop,
});
