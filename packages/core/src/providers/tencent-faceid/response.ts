import { ProviderResponseError } from '../../errors.js';
import type { RawResponse } from '../shared/http.js';
import { parseJson } from '../shared/http.js';
import { isRecord, stringField } from '../shared/object.js';
import type { FaceIdResponse } from './api-types.js';

export const FACEID_PROVIDER_ID = 'tencent-faceid';

export type ParsedFaceIdResponse =
  | { kind: 'result'; result: string; description: string; requestId: string }
  | { kind: 'error'; code: string; message: string; requestId: string };

/** Checks the documented `{Response: …}` shape; anything else is a typed `ProviderResponseError`. */
export function parseFaceIdResponse(raw: RawResponse): ParsedFaceIdResponse {
  const body = parseJson(FACEID_PROVIDER_ID, raw) as FaceIdResponse | unknown;
  const response = isRecord(body) ? body.Response : undefined;
  if (!isRecord(response)) {
    throw new ProviderResponseError(FACEID_PROVIDER_ID, 'missing `Response` object', { httpStatus: raw.status });
  }
  const requestId = stringField(response, 'RequestId') ?? '';
  if (isRecord(response.Error)) {
    const code = stringField(response.Error, 'Code');
    if (!code)
      throw new ProviderResponseError(FACEID_PROVIDER_ID, '`Error` without `Code`', { httpStatus: raw.status });
    return { kind: 'error', code, message: stringField(response.Error, 'Message') ?? '', requestId };
  }
  const result = stringField(response, 'Result');
  if (result === undefined) {
    throw new ProviderResponseError(FACEID_PROVIDER_ID, 'neither `Result` nor `Error`', { httpStatus: raw.status });
  }
  return { kind: 'result', result, description: stringField(response, 'Description') ?? '', requestId };
}
