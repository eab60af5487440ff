import { ProviderResponseError } from '../../errors.js';
import { createOutcome, type Outcome, type ProviderDetail } from '../../outcome/outcome.js';
import { parseJson, type RawResponse } from '../shared/http.js';
import { isRecord, stringField } from '../shared/object.js';
import { BUSINESS_CODES, type CodeEntry, gatewayCode, SUB_CODES } from './codes.js';

export const CLOUDAUTH_PROVIDER_ID = 'alibaba-cloudauth';

/** What came back: the API's answer (HTTP 200, `Code`), or the gateway's error (HTTP ≥ 400). */
export interface ParsedCloudauthAnswer {
  kind: 'answer' | 'gateway';
  httpStatus: number;
  code: string;
  message?: string;
  requestId?: string;
  bizCode?: string;
  subCode?: string;
}

export function parseCloudauthResponse(raw: RawResponse): ParsedCloudauthAnswer {
  const body = parseJson(CLOUDAUTH_PROVIDER_ID, raw);
  if (!isRecord(body)) {
    throw new ProviderResponseError(CLOUDAUTH_PROVIDER_ID, 'the answer is not a JSON object', {
      httpStatus: raw.status,
    });
  }
  // The API's Code is a string ("200"); some gateways send numbers: read either.
  const code = typeof body.Code === 'number' ? String(body.Code) : stringField(body, 'Code');
  if (!code) {
    throw new ProviderResponseError(CLOUDAUTH_PROVIDER_ID, 'missing `Code`', { httpStatus: raw.status });
  }
  const parsed: ParsedCloudauthAnswer = {
    kind: raw.status >= 400 ? 'gateway' : 'answer',
    httpStatus: raw.status,
    code,
  };
  const message = stringField(body, 'Message');
  if (message !== undefined) parsed.message = message;
  const requestId = stringField(body, 'RequestId');
  if (requestId !== undefined) parsed.requestId = requestId;
  if (parsed.kind === 'answer' && code === '200') {
    const result = body.ResultObject;
    const bizCode = isRecord(result) ? String(result.BizCode ?? '') : '';
    if (!bizCode) {
      throw new ProviderResponseError(CLOUDAUTH_PROVIDER_ID, 'Code 200 without `ResultObject.BizCode`', {
        httpStatus: raw.status,
      });
    }
    parsed.bizCode = bizCode;
    const subCode = isRecord(result) && result.SubCode !== undefined ? String(result.SubCode) : undefined;
    if (subCode) parsed.subCode = subCode;
  }
  return parsed;
}

/** A BizCode whose SubCode is missing or not in the table. */
const BY_BIZ_CODE: Readonly<Record<string, CodeEntry>> = {
  '1': { reason: 'VERIFIED', charged: true },
  '2': { reason: 'MISMATCH', charged: true },
  '3': { reason: 'VERIFICATION_REJECTED', charged: 'unknown' },
};

/** The normalized outcome (the tables in ./codes.ts; anything they do not know: charge unknown). */
export function cloudauthOutcome(answer: ParsedCloudauthAnswer): Outcome {
  const provider: ProviderDetail = {
    id: CLOUDAUTH_PROVIDER_ID,
    code: answer.subCode ? `${answer.code}/${answer.subCode}` : answer.code,
  };
  if (answer.message !== undefined) provider.message = answer.message;
  if (answer.requestId !== undefined) provider.requestId = answer.requestId;
  let entry: CodeEntry | undefined;
  if (answer.kind === 'gateway') {
    entry = gatewayCode(answer.code) ?? {
      // An error the table does not know: the gateway refused it (4xx) or may have failed after (5xx).
      reason: answer.httpStatus >= 500 ? 'PROVIDER_ERROR' : 'UNKNOWN',
      charged: answer.httpStatus >= 500 ? 'unknown' : false,
    };
  } else if (answer.code === '200') {
    entry = SUB_CODES[answer.subCode ?? ''] ?? BY_BIZ_CODE[answer.bizCode ?? ''];
  } else {
    entry = BUSINESS_CODES[answer.code];
  }
  if (!entry) return createOutcome('UNKNOWN', { charged: 'unknown', provider });
  const retryAfter = entry.reason === 'RATE_LIMITED' ? 1 : entry.reason === 'PROVIDER_BUSY' ? 5 : undefined;
  return createOutcome(entry.reason, { charged: entry.charged, provider, ...(retryAfter ? { retryAfter } : {}) });
}
