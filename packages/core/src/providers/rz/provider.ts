import { CapabilityUnsupportedError, ConfigurationError } from '../../errors.js';
import type { Outcome } from '../../outcome/outcome.js';
import type { CallContext, Capability, ProviderWith, VerifyRequest } from '../../provider/types.js';
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

/** The RZ three-element (and optionally four-element) bank card verification API. */
export function createRzProvider(config: RzConfig): ProviderWith<'verify'> {
  if (!config.endpoint || !config.merchantNo || !config.key) {
    throw new ConfigurationError('rz: endpoint, merchantNo and key are required');
  }
  const signType = config.signType ?? 'MD5';
  const capabilities: ReadonlySet<Capability> = new Set(
    config.fourElementVerifyType ? ['verify3', 'verify4'] : ['verify3'],
  );
  const requestConfig = {
    merchantNo: config.merchantNo,
    key: config.key,
    signType,
    ...(config.fourElementVerifyType ? { fourElementVerifyType: config.fourElementVerifyType } : {}),
  };

  return {
    id: RZ_PROVIDER_ID,
    capabilities,
    async verify(request: VerifyRequest, ctx: CallContext): Promise<Outcome> {
      // No 2-element check in this API (the capability is not declared, so the BFF never routes one here).
      if (request.kind === 2) throw new CapabilityUnsupportedError(RZ_PROVIDER_ID, 'verify2');
      const body = await buildRzRequest(request, requestConfig, ctx);
      const raw = await send(
        RZ_PROVIDER_ID,
        config.endpoint,
        { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) },
        ctx,
      );
      return rzOutcome(await parseRzResponse(raw, config.key, signType));
    },
  };
}
