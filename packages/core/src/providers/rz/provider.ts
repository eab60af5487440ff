import type { CallContext, FourElementVerifier, IdElementRequest, ThreeElementVerifier } from '../../contract/types.js';
import { ConfigurationError } from '../../errors.js';
import type { Outcome } from '../../outcome/outcome.js';
import { send } from '../shared/http.js';
import type { RzSignType } from './api-types.js';
import { buildRzRequest } from './request.js';
import { parseRzResponse, RZ_PROVIDER_ID, rzOutcome } from './response.js';

export interface RzConfig {
  /** The full URL of the verification endpoint (the spec gives none). */
  endpoint: string;
  merchantNo: string;
  /** The merchant key for `sign`. */
  key: string;
  /** Defaults to `MD5`. */
  signType?: RzSignType;
  /** The `verifyType` of the four-element product (with `mobile`); without it only `verify3` is offered. */
  fourElementVerifyType?: string;
}

/** RZ verifies 3 elements, and 4 where its four-element product is configured. */
export type RzProvider = ThreeElementVerifier & Partial<FourElementVerifier>;

/** The RZ three-element (and optionally four-element) bank card verification API. */
export function createRzProvider(config: RzConfig): RzProvider {
  if (!config.endpoint || !config.merchantNo || !config.key) {
    throw new ConfigurationError('rz: endpoint, merchantNo and key are required');
  }
  const signType = config.signType ?? 'MD5';
  const requestConfig = {
    merchantNo: config.merchantNo,
    key: config.key,
    signType,
    ...(config.fourElementVerifyType ? { fourElementVerifyType: config.fourElementVerifyType } : {}),
  };

  async function verify(request: IdElementRequest, ctx: CallContext): Promise<Outcome> {
    const body = await buildRzRequest(request, requestConfig, ctx);
    const raw = await send(
      RZ_PROVIDER_ID,
      config.endpoint,
      { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) },
      ctx,
    );
    return rzOutcome(await parseRzResponse(raw, config.key, signType));
  }

  // No 2-element check in this API; 4 elements only with the product that takes the mobile.
  return { id: RZ_PROVIDER_ID, verify3: verify, ...(config.fourElementVerifyType ? { verify4: verify } : {}) };
}
