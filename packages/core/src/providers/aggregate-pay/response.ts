import type { RsaPrivateKey } from '../../crypto/rsa.js';
import { ProviderResponseError, ProviderSignatureError } from '../../errors.js';
import { parseJson, type RawResponse } from '../shared/http.js';
import { isRecord } from '../shared/object.js';
import type { Envelope, Wrapper } from './api-types.js';
import { isEnvelope, openEnvelope } from './envelope.js';
import type { AggSigner } from './sign.js';

export const AGG_PROVIDER_ID = 'aggregate-pay';

/** Reads the `{code, success, data, msg}` wrapper: a failure, or the envelope in `data`. */
export function readWrapper(
  raw: RawResponse,
): { ok: true; envelope: Envelope } | { ok: false; code: string; msg: string } {
  const body = parseJson(AGG_PROVIDER_ID, raw) as Partial<Wrapper> | unknown;
  if (!isRecord(body) || typeof body.success !== 'boolean') {
    throw new ProviderResponseError(AGG_PROVIDER_ID, 'not the {code, success, data, msg} wrapper', {
      httpStatus: raw.status,
    });
  }
  if (!body.success) return { ok: false, code: String(body.code ?? ''), msg: String(body.msg ?? '') };
  let envelope: unknown;
  try {
    envelope = typeof body.data === 'string' ? JSON.parse(body.data) : body.data;
  } catch (cause) {
    throw new ProviderResponseError(AGG_PROVIDER_ID, '`data` is not JSON', { cause, httpStatus: raw.status });
  }
  if (!isEnvelope(envelope))
    throw new ProviderResponseError(AGG_PROVIDER_ID, '`data` is not an envelope', { httpStatus: raw.status });
  return { ok: true, envelope };
}

/**
 * Opens an envelope addressed to us and checks its signature and merchant
 * number. Undecryptable or unsigned plaintext is a typed error, never trusted.
 */
export async function openSigned(
  envelope: Envelope,
  customerNo: string,
  privateKey: RsaPrivateKey,
  signer: AggSigner,
): Promise<Record<string, unknown>> {
  let plain: Record<string, unknown>;
  try {
    plain = openEnvelope(envelope, privateKey);
  } catch (cause) {
    throw new ProviderSignatureError(AGG_PROVIDER_ID, `envelope does not decrypt (${(cause as Error).name})`);
  }
  if (!(await signer.verify(plain))) throw new ProviderSignatureError(AGG_PROVIDER_ID, 'plaintext signature invalid');
  if (envelope.customerNo !== customerNo || (plain.customerNo !== undefined && plain.customerNo !== customerNo)) {
    throw new ProviderSignatureError(AGG_PROVIDER_ID, 'addressed to another merchant');
  }
  return plain;
}
