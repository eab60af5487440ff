import { toBytes, toHex } from '../../crypto/encoding.js';
import { md5 } from '../../crypto/md5.js';
import { importRsaSigningKey, importRsaVerifyingKey, rsaSha256Sign, rsaSha256Verify } from '../../crypto/rsa.js';
import { timingSafeEqual } from '../../crypto/timing-safe-equal.js';
import { ConfigurationError } from '../../errors.js';
import { importedKey } from '../shared/imported-key.js';
import { sortedFieldString } from '../shared/sorted-fields.js';
import type { AggSignType } from './api-types.js';

export interface AggSigner {
  sign(fields: Readonly<Record<string, unknown>>): Promise<string>;
  verify(fields: Readonly<Record<string, unknown>>): Promise<boolean>;
}

export interface AggSignerConfig {
  type: AggSignType;
  /** MD5: the shared key appended as `&key=…`. */
  md5Key?: string;
  /** SHA256withRSA: our private key (PKCS#8 PEM) to sign… */
  privateKeyPem?: string;
  /** …and the peer's public key (SPKI PEM) to verify. */
  peerPublicKeyPem?: string;
}

/**
 * `sign` over the sorted non-empty plaintext fields: MD5 upper-case hex with
 * `&key=<key>` appended (the spec's example), or SHA256withRSA base64.
 */
export function createAggSigner(config: AggSignerConfig): AggSigner {
  if (config.type === 'MD5') {
    const key = config.md5Key;
    if (!key) throw new ConfigurationError('aggregate-pay: md5Key is required for MD5 signing');
    const sign = async (fields: Readonly<Record<string, unknown>>) =>
      toHex(md5(`${sortedFieldString(fields)}&key=${key}`)).toUpperCase();
    return {
      sign,
      async verify(fields) {
        return typeof fields.sign === 'string' && timingSafeEqual(await sign(fields), fields.sign.toUpperCase());
      },
    };
  }
  const { privateKeyPem, peerPublicKeyPem } = config;
  if (!privateKeyPem || !peerPublicKeyPem) {
    throw new ConfigurationError('aggregate-pay: SHA256withRSA needs a private key and the peer public key');
  }
  const signingKey = importedKey(importRsaSigningKey(privateKeyPem), 'aggregate-pay: merchantPrivateKey');
  const verifyingKey = importedKey(importRsaVerifyingKey(peerPublicKeyPem), 'aggregate-pay: platformPublicKey');
  return {
    async sign(fields) {
      return rsaSha256Sign(await signingKey, toBytes(sortedFieldString(fields)));
    },
    async verify(fields) {
      if (typeof fields.sign !== 'string') return false;
      return rsaSha256Verify(await verifyingKey, toBytes(sortedFieldString(fields)), fields.sign);
    },
  };
}
