import type {
  CallContext,
  FourElementVerifier,
  ThreeElementVerifier,
  TwoElementVerifier,
  VerifyRequest,
} from '../../contract/types.js';
import { ConfigurationError, ProviderNetworkError } from '../../errors.js';
import type { Outcome } from '../../outcome/outcome.js';
import { notPii } from '../../pii/masked.js';
import { send } from '../shared/http.js';
import type { CloudauthParamType, CloudauthSigning } from './api-types.js';
import { bankMetaVerifyParams } from './request.js';
import { CLOUDAUTH_PROVIDER_ID, cloudauthOutcome, parseCloudauthResponse } from './response.js';
import { signedCall } from './signed-call.js';

export interface AlibabaCloudauthConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** STS temporary credentials' token. */
  securityToken?: string;
  /**
   * Tried in order when one cannot be reached (nothing was sent, so nothing billed), as Alibaba
   * recommends; the one that answered is tried first next time. Default: the central endpoint,
   * then Shanghai, then Beijing.
   */
  endpoints?: string[];
  /** `v3` (ACS3-HMAC-SHA256, the SDK's default) or `v1` (RPC HMAC-SHA1). Default `v3`. */
  signing?: CloudauthSigning;
  /** `md5`: parts of each element hashed, so Alibaba sees less of them. Default `normal`. */
  paramType?: CloudauthParamType;
}

export const CLOUDAUTH_ENDPOINTS = [
  'https://cloudauth.aliyuncs.com',
  'https://cloudauth.cn-shanghai.aliyuncs.com',
  'https://cloudauth.cn-beijing.aliyuncs.com',
];

/** Alibaba Cloud ID Verification verifies 2, 3 and 4 elements through `BankMetaVerify`. */
export type AlibabaCloudauthProvider = TwoElementVerifier & ThreeElementVerifier & FourElementVerifier;

export function createAlibabaCloudauthProvider(config: AlibabaCloudauthConfig): AlibabaCloudauthProvider {
  if (!config.accessKeyId || !config.accessKeySecret) {
    throw new ConfigurationError('alibaba-cloudauth: accessKeyId and accessKeySecret are required');
  }
  const endpoints = (config.endpoints?.length ? config.endpoints : CLOUDAUTH_ENDPOINTS).map((e) => new URL(e));
  const signing = config.signing ?? 'v3';
  const paramType = config.paramType ?? 'normal';
  let preferred = 0;
  // Server time minus ours, learnt from an InvalidTimeStamp.Expired answer's Date header.
  let clockSkewMs = 0;

  /** One attempt per endpoint, from the preferred one, while none can be reached. */
  async function call(request: VerifyRequest, ctx: CallContext) {
    const params = bankMetaVerifyParams(request, paramType);
    let lastError: unknown;
    for (let tried = 0; tried < endpoints.length; tried++) {
      const index = (preferred + tried) % endpoints.length;
      const endpoint = endpoints[index] as URL;
      const { url, headers } = await signedCall(endpoint, params, config, signing, ctx.now() + clockSkewMs, ctx);
      try {
        const raw = await send(CLOUDAUTH_PROVIDER_ID, url, { method: 'POST', headers, body: '' }, ctx);
        const parsed = parseCloudauthResponse(raw);
        preferred = index;
        return { parsed, serverDate: raw.headers.get('date') };
      } catch (error) {
        // Not sent (refused, unresolvable) or a gateway's 502/503: the next endpoint may answer.
        if (!(error instanceof ProviderNetworkError)) throw error;
        ctx.logger.warn('provider.endpoint_down', {
          provider: notPii(CLOUDAUTH_PROVIDER_ID),
          endpoint: notPii(endpoint.host),
        });
        lastError = error;
      }
    }
    throw lastError;
  }

  async function verify(request: VerifyRequest, ctx: CallContext): Promise<Outcome> {
    let { parsed, serverDate } = await call(request, ctx);
    // Our clock is off by more than the gateway allows: sign once more on its time.
    if (parsed.kind === 'gateway' && parsed.code === 'InvalidTimeStamp.Expired' && serverDate) {
      const serverMs = Date.parse(serverDate);
      if (!Number.isNaN(serverMs)) {
        clockSkewMs = serverMs - ctx.now();
        ({ parsed } = await call(request, ctx));
      }
    }
    if (parsed.kind === 'gateway') {
      ctx.logger.warn('provider.error', { provider: notPii(CLOUDAUTH_PROVIDER_ID), code: notPii(parsed.code) });
    }
    return cloudauthOutcome(parsed);
  }

  return { id: CLOUDAUTH_PROVIDER_ID, verify2: verify, verify3: verify, verify4: verify };
}
