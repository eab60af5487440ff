import {
  fromBase64,
  importRsaSigningKey,
  importRsaVerifyingKey,
  timingSafeEqual,
  toBase64,
} from '@cardbind/core/crypto';
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { sortedFieldText } from './sorted-fields.js';

/**
 * The aggregated-pay `sign`, as its simulator checks requests and signs its
 * answers and notifications: written here from the convention the provider's
 * README states, apart from core's signer, so that a bug there fails a sandbox
 * test instead of agreeing with itself.
 *
 *   text = sortedFieldText(plaintext): the fields other than `sign` whose value
 *          is not empty, sorted by name, `name=value` joined by `&`
 *   MD5           sign = upper-case hex of MD5(text + "&key=" + merchant key)
 *   SHA256withRSA sign = base64 of RSASSA-PKCS1-v1_5 / SHA-256 over text (WebCrypto)
 */
export interface AggSignature {
  sign(fields: Readonly<Record<string, unknown>>): Promise<string>;
  /** False for a missing, malformed or wrong `sign`; never throws. */
  matches(fields: Readonly<Record<string, unknown>>): Promise<boolean>;
}

/** MD5 with the merchant's shared key. */
export function aggMd5Signature(key: string): AggSignature {
  const sign = async (fields: Readonly<Record<string, unknown>>) =>
    bytesToHex(md5(utf8ToBytes(`${sortedFieldText(fields)}&key=${key}`))).toUpperCase();
  return {
    sign,
    async matches(fields) {
      return typeof fields.sign === 'string' && timingSafeEqual(await sign(fields), fields.sign.toUpperCase());
    },
  };
}

const RSASSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

/**
 * SHA256withRSA: signs with this side's private key (PKCS#8 PEM), checks with the peer's public key
 * (SPKI PEM). The keys are imported by core (PEM to WebCrypto key); the signing text and the
 * signing are this module's.
 */
export function aggRsaSignature(ownPrivateKeyPem: string, peerPublicKeyPem: string): AggSignature {
  const signing = importRsaSigningKey(ownPrivateKeyPem);
  const verifying = importRsaVerifyingKey(peerPublicKeyPem);
  return {
    async sign(fields) {
      const text = utf8ToBytes(sortedFieldText(fields));
      return toBase64(new Uint8Array(await crypto.subtle.sign(RSASSA, await signing, text)));
    },
    async matches(fields) {
      if (typeof fields.sign !== 'string') return false;
      let signature: Uint8Array<ArrayBuffer>;
      try {
        signature = Uint8Array.from(fromBase64(fields.sign));
      } catch {
        return false;
      }
      return crypto.subtle.verify(RSASSA, await verifying, signature, utf8ToBytes(sortedFieldText(fields)));
    },
  };
}
