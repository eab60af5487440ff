// Small HMACs and digests, synchronous (@noble/hashes) beside WebCrypto: the
// sizes of a fingerprint and of a TC3 payload. Printed side by side.
import { bench, describe } from 'vitest';
import { sha256 } from '../src/crypto/digest.js';
import { hmacSha256, importHmacKey } from '../src/crypto/hmac.js';
import { HmacSha256Key, sha256Sync } from '../src/crypto/sync-hash.js';

const secret = 'k'.repeat(48);
const message = 'card\u00006222020000000001008';
const payload = JSON.stringify({ Name: '张三', IdCard: '11010519491231002X', BankCard: '6222020000000001008' });
const prepared = new HmacSha256Key(secret);
const webKey = await importHmacKey('SHA-256', secret);

describe('HMAC-SHA-256 of a fingerprint input', () => {
  bench('synchronous, prepared key', () => {
    prepared.mac(message);
  });
  bench('WebCrypto, imported key', async () => {
    await hmacSha256(webKey, message);
  });
});

describe('SHA-256 of a FaceID payload', () => {
  bench('synchronous', () => {
    sha256Sync(payload);
  });
  bench('WebCrypto', async () => {
    await sha256(payload);
  });
});
