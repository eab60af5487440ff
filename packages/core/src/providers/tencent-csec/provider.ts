import { CapabilityUnsupportedError, ConfigurationError } from '../../errors.js';
import type { Outcome } from '../../outcome/outcome.js';
import type { CallContext, Capability, ProviderWith, VerifyRequest } from '../../provider/types.js';
import { send } from '../shared/http.js';
import { actionFor, actionParams, buildSignedForm, type CsecCredentials } from './request.js';
import { CSEC_PROVIDER_ID, csecOutcome, parseCsecResponse } from './response.js';
import type { V2SignatureMethod } from './sign.js';

export interface TencentCsecConfig {
  secretId: string;
  secretKey: string;
  /** Defaults to `HmacSHA256`. */
  signatureMethod?: V2SignatureMethod;
  region?: string;
  /** Base URL; defaults to `https://csec.api.qcloud.com`. The path is always `/v2/index.php`. */
  endpoint?: string;
}

export const CSEC_PATH = '/v2/index.php';
const CAPABILITIES: ReadonlySet<Capability> = new Set(['verify3', 'verify4']);

/** Tencent Cloud legacy payment-security verification: BspBankCard3Auth and BspBankCardAuth4. */
export function createTencentCsecProvider(config: TencentCsecConfig): ProviderWith<'verify'> {
  if (!config.secretId || !config.secretKey)
    throw new ConfigurationError('tencent-csec: secretId and secretKey are required');
  const url = new URL(CSEC_PATH, config.endpoint ?? 'https://csec.api.qcloud.com');
  const credentials: CsecCredentials = {
    secretId: config.secretId,
    secretKey: config.secretKey,
    signatureMethod: config.signatureMethod ?? 'HmacSHA256',
  };
  if (config.region) credentials.region = config.region;

  return {
    id: CSEC_PROVIDER_ID,
    capabilities: CAPABILITIES,
    async verify(request: VerifyRequest, ctx: CallContext): Promise<Outcome> {
      // No 2-element check in this API (the capability is not declared, so the BFF never routes one here).
      if (request.kind === 2) throw new CapabilityUnsupportedError(CSEC_PROVIDER_ID, 'verify2');
      const form = await buildSignedForm(
        actionFor(request),
        actionParams(request),
        credentials,
        { host: url.hostname, path: CSEC_PATH },
        ctx,
      );
      const raw = await send(
        CSEC_PROVIDER_ID,
        url.href,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() },
        ctx,
      );
      return csecOutcome(parseCsecResponse(raw));
    },
  };
}
