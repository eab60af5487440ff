import { fromBase64, timingSafeEqual, toBase64 } from '@cardbind/core/crypto';
import { md5 } from '@noble/hashes/legacy.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * The aggregated-pay `sign`, as its simulator checks requests and signs its
 * answers and notifications: written here from the convention the provider's
 * README states, apart from core's signer, so that a bug there fails a sandbox
 * test instead of agreeing with itself.
 *
 *   text = the plaintext fields other than `sign` whose value is not empty,
 *          sorted by name, `name=value` joined by `&` (numbers and booleans as
 *          JSON writes them; an object's fields as `outer.inner=…`)
 *   MD5           sign = upper-case hex of MD5(text + "&key=" + merchant key)
 *   SHA256withRSA sign = base64 of RSASSA-PKCS1-v1_5 / SHA-256 over text (WebCrypto)
 */
export function aggSignText(fields: Readonly<Record<string, unknown>>): string {
  const all: [string, string][] = [];
  const add = (name: string, value: unknown) => {
    if (value === undefined || value === null || value === '') return;
    if (typeof value === 'object' && !Array.isArray(value)) {
      for (const [inner, v] of Object.entries(value)) add(`${name}.${inner}`, v);
    } else all.push([name, typeof value === 'string' ? value : JSON.stringify(value)]);
  };
  for (const [name, value] of Object.entries(fields)) if (name !== 'sign') add(name, value);
  all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return all.map(([name, value]) => `${name}=${value}`).join('&');
}

export interface AggSignature {
  sign(fields: Readonly<Record<string, unknown>>): Promise<string>;
  /** False for a missing, malformed or wrong `sign`; never throws. */
  matches(fields: Readonly<Record<string, unknown>>): Promise<boolean>;
}

/** MD5 with the merchant's shared key. */
export function aggMd5Signature(key: string): AggSignature {
  const sign = async (fields: Readonly<Record<string, unknown>>) =>
    bytesToHex(md5(utf8ToBytes(`${aggSignText(fields)}&key=${key}`))).toUpperCase();
  return {
    sign,
    async matches(fields) {
      return typeof fields.sign === 'string' && timingSafeEqual(await sign(fields), fields.sign.toUpperCase());
    },
  };
}

const RSASSA = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function pemBody(pem: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(fromBase64(pem.replace(/-----[A-Z ]+-----/g, '').replace(/\s+/g, '')));
}

/** SHA256withRSA: signs with this side's private key (PKCS#8 PEM), checks with the peer's public key (SPKI PEM). */
export function aggRsaSignature(ownPrivateKeyPem: string, peerPublicKeyPem: string): AggSignature {
  const signing = crypto.subtle.importKey('pkcs8', pemBody(ownPrivateKeyPem), RSASSA, false, ['sign']);
  const verifying = crypto.subtle.importKey('spki', pemBody(peerPublicKeyPem), RSASSA, false, ['verify']);
  return {
    async sign(fields) {
      const text = utf8ToBytes(aggSignText(fields));
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
      return crypto.subtle.verify(RSASSA, await verifying, signature, utf8ToBytes(aggSignText(fields)));
    },
  };
}
