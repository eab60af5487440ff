import { describe, expect, it } from 'vitest';
import { toBase64 } from '../../crypto/encoding.js';
import { importRsaPrivateKey, importRsaPublicKey } from '../../crypto/rsa.js';
import { openEnvelope, sealEnvelope } from './envelope.js';
import { createAggSigner } from './sign.js';

async function pemPair() {
  const pair = await crypto.subtle.generateKey(
    { name: 'RSA-OAEP', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['encrypt', 'decrypt'],
  );
  const pem = (label: string, der: ArrayBuffer) =>
    `-----BEGIN ${label}-----\n${toBase64(new Uint8Array(der))}\n-----END ${label}-----`;
  return {
    publicPem: pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey)),
    privatePem: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
  };
}

const pair = await pemPair();
const ownPrivateKey = await importRsaPrivateKey(pair.privatePem);

describe('envelope', () => {
  it('round-trips plaintext longer than one RSA block (segmented)', async () => {
    const plain = { orderNo: 'O1', text: '绑卡'.repeat(200) };
    const envelope = sealEnvelope(plain, 'C1', await importRsaPublicKey(pair.publicPem));
    expect(envelope.customerNo).toBe('C1');
    expect(atob(envelope.reqmsg).length % 256).toBe(0);
    expect(openEnvelope(envelope, await importRsaPrivateKey(pair.privatePem))).toEqual(plain);
  });

  it('refuses an envelope for another key', async () => {
    const other = await pemPair();
    const envelope = sealEnvelope({ a: 1 }, 'C1', await importRsaPublicKey(other.publicPem));
    expect(() => openEnvelope(envelope, ownPrivateKey)).toThrow();
  });
});

describe('signers', () => {
  it('MD5: the spec example shape (32 upper-case hex) and verification', async () => {
    const signer = createAggSigner({ type: 'MD5', md5Key: 'k' });
    const fields = { orderNo: 'O1', errCode: '0000' };
    const sign = await signer.sign(fields);
    expect(sign).toMatch(/^[0-9A-F]{32}$/);
    expect(await signer.verify({ ...fields, sign })).toBe(true);
    expect(await signer.verify({ ...fields, errCode: '9999', sign })).toBe(false);
  });

  it('SHA256withRSA: signed with one side, verified with the other', async () => {
    const peer = await pemPair();
    const alice = createAggSigner({
      type: 'SHA256withRSA',
      privateKeyPem: pair.privatePem,
      peerPublicKeyPem: peer.publicPem,
    });
    const bob = createAggSigner({
      type: 'SHA256withRSA',
      privateKeyPem: peer.privatePem,
      peerPublicKeyPem: pair.publicPem,
    });
    const fields = { orderNo: 'O1', bindId: 'B1' };
    const sign = await alice.sign(fields);
    expect(await bob.verify({ ...fields, sign })).toBe(true);
    expect(await bob.verify({ ...fields, bindId: 'B2', sign })).toBe(false);
    expect(await bob.verify({ ...fields, sign: '***' })).toBe(false);
  });
});
