import { ProviderResponseError, ProviderSignatureError } from '../../errors.js';
import { createOutcome, type Outcome, type ProviderDetail } from '../../outcome/outcome.js';
import { parseJson, type RawResponse } from '../shared/http.js';
import { isRecord, stringField } from '../shared/object.js';
import type { RzSignType, RzStatus, RzVerifyResponse } from './api-types.js';
import { RZ_CODES } from './codes.js';
import { rzVerify } from './sign.js';

export const RZ_PROVIDER_ID = 'rz';
const STATUSES = new Set<string>(['SUCCESS', 'FAIL', 'UNKNOWN']);

/**
 * Shape checks, then the response signature: a forged or tampered answer is a
 * `ProviderSignatureError`. One exception: refusals that say the request was
 * not processed (signature, key and merchant errors…) are accepted unsigned —
 * a provider cannot sign for a merchant whose key it could not match, and a
 * forged refusal gains an attacker nothing.
 */
export async function parseRzResponse(raw: RawResponse, key: string, signType: RzSignType): Promise<RzVerifyResponse> {
  const body = parseJson(RZ_PROVIDER_ID, raw);
  if (!isRecord(body) || typeof body.code !== 'string') {
    throw new ProviderResponseError(RZ_PROVIDER_ID, 'missing string `code`', { httpStatus: raw.status });
  }
  if (!(await rzVerify(body, key, signType)) && RZ_CODES[body.code]?.charged !== false) {
    throw new ProviderSignatureError(RZ_PROVIDER_ID, 'response signature invalid');
  }
  const parsed: RzVerifyResponse = { code: body.code, sign: String(body.sign) };
  const desc = stringField(body, 'desc');
  if (desc !== undefined) parsed.desc = desc;
  if (body.data !== undefined && body.data !== null) {
    const data = body.data;
    if (!isRecord(data) || typeof data.status !== 'string' || !STATUSES.has(data.status)) {
      throw new ProviderResponseError(RZ_PROVIDER_ID, '`data.status` is not SUCCESS, FAIL or UNKNOWN', {
        httpStatus: raw.status,
      });
    }
    parsed.data = {
      transId: stringField(data, 'transId') ?? '',
      transDate: stringField(data, 'transDate') ?? '',
      status: data.status as RzStatus,
    };
  }
  return parsed;
}

/**
 * The outcome: a code from the table, except that `data.status = UNKNOWN` is
 * never a result (`RESULT_UNKNOWN`, charge unknown), and `0000` counts as
 * verified only with `status = SUCCESS`.
 */
export function rzOutcome(response: RzVerifyResponse): Outcome {
  const provider: ProviderDetail = { id: RZ_PROVIDER_ID, code: response.code };
  if (response.desc !== undefined) provider.message = response.desc;
  if (response.data?.transId) provider.requestId = response.data.transId;
  const status = response.data?.status;
  if (status === 'UNKNOWN') return createOutcome('RESULT_UNKNOWN', { charged: 'unknown', provider });
  if (response.code === '0000' && status !== 'SUCCESS')
    return createOutcome('RESULT_UNKNOWN', { charged: 'unknown', provider });
  const entry = RZ_CODES[response.code];
  if (!entry) return createOutcome('UNKNOWN', { charged: 'unknown', provider });
  return createOutcome(entry.reason, { charged: entry.charged, provider });
}
