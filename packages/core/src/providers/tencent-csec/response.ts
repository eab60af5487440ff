import { ProviderResponseError } from '../../errors.js';
import { createOutcome, type Outcome, type ProviderDetail } from '../../outcome/outcome.js';
import type { RawResponse } from '../shared/http.js';
import { parseJson } from '../shared/http.js';
import { isRecord, stringField } from '../shared/object.js';
import type { CsecResponse } from './api-types.js';
import { CSEC_AUTH_CODES, CSEC_PLATFORM_CODES } from './codes.js';

export const CSEC_PROVIDER_ID = 'tencent-csec';

/** Checks the documented shape; anything else is a typed `ProviderResponseError`. */
export function parseCsecResponse(raw: RawResponse): CsecResponse {
  const body = parseJson(CSEC_PROVIDER_ID, raw);
  if (!isRecord(body) || typeof body.code !== 'number') {
    throw new ProviderResponseError(CSEC_PROVIDER_ID, 'missing numeric `code`', { httpStatus: raw.status });
  }
  const parsed: CsecResponse = { code: body.code };
  const codeDesc = stringField(body, 'codeDesc');
  const message = stringField(body, 'message');
  if (codeDesc !== undefined) parsed.codeDesc = codeDesc;
  if (message !== undefined) parsed.message = message;
  if (body.code === 0) {
    const fiv = body.bspFivBody;
    if (!isRecord(fiv) || typeof fiv.authCode !== 'string') {
      throw new ProviderResponseError(CSEC_PROVIDER_ID, 'success without `bspFivBody.authCode`', {
        httpStatus: raw.status,
      });
    }
    parsed.bspFivBody = { authCode: fiv.authCode };
    const authMessage = stringField(fiv, 'authMessage');
    if (authMessage !== undefined) parsed.bspFivBody.authMessage = authMessage;
  }
  return parsed;
}

/** Maps a parsed response to the normalized outcome; unknown codes are `UNKNOWN`, charge unknown. */
export function csecOutcome(response: CsecResponse): Outcome {
  if (response.code === 0 && response.bspFivBody) {
    const { authCode, authMessage } = response.bspFivBody;
    const provider: ProviderDetail = { id: CSEC_PROVIDER_ID, code: authCode };
    if (authMessage !== undefined) provider.message = authMessage;
    const entry = CSEC_AUTH_CODES[authCode];
    return createOutcome(entry?.reason ?? 'UNKNOWN', { charged: entry?.charged ?? 'unknown', provider });
  }
  const provider: ProviderDetail = { id: CSEC_PROVIDER_ID, code: String(response.code) };
  if (response.message !== undefined) provider.message = response.message;
  const entry = CSEC_PLATFORM_CODES[response.code];
  const options = { charged: entry?.charged ?? ('unknown' as const), provider };
  if (entry?.reason === 'RATE_LIMITED' || entry?.reason === 'PROVIDER_BUSY') {
    return createOutcome(entry.reason, { ...options, retryAfter: 1 });
  }
  return createOutcome(entry?.reason ?? 'UNKNOWN', options);
}
