import type { CallContext, FourElementVerifier, IdElementRequest, ThreeElementVerifier } from '../../contract/types.js';
import { ConfigurationError } from '../../errors.js';
import type { Outcome } from '../../outcome/outcome.js';
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

/** Tencent Cloud legacy payment-security verification: BspBankCard3Auth and BspBankCardAuth4. */
/** csec verifies 3 and 4 elements (it has no 2-element check). */
export type TencentCsecProvider = ThreeElementVerifier & FourElementVerifier;

export function createTencentCsecProvider(config: TencentCsecConfig): TencentCsecProvider {
  if (!config.secretId || !config.secretKey)
    throw new ConfigurationError('tencent-csec: secretId and secretKey are required');
  const url = new URL(CSEC_PATH, config.endpoint ?? 'https://csec.api.qcloud.com');
  const credentials: CsecCredentials = {
    secretId: config.secretId,
    secretKey: config.secretKey,
    signatureMethod: config.signatureMethod ?? 'HmacSHA256',
  };
  if (config.region) credentials.region = config.region;

  async function verify(request: IdElementRequest, ctx: CallContext): Promise<Outcome> {
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
  }

  return { id: CSEC_PROVIDER_ID, verify3: verify, verify4: verify };
}
