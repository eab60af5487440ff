import { verifyWith } from '@cardbind/core/contract';
import { fromBase64, toBase64 } from '@cardbind/core/crypto';
import {
  createTencentFaceIdProvider,
  encryptFields,
  faceIdBody,
  importFaceIdEncryptionKey,
  parseSm2PublicKey,
  sm4GcmEncrypt,
} from '@cardbind/core/providers/tencent-faceid/internal';
import { SANDBOX_RSA_PUBLIC_KEY, SANDBOX_SM2_PUBLIC_KEY } from '@cardbind/sandbox';
import { SM2 } from 'gm-crypto';
import { describe, expect, it } from 'vitest';
import { recordingFetch, verifyRequest } from '../../requests.js';
import { ctx, HOLDER } from '../../simulators.js';
import { faceIdFixture, secretId, secretKey } from './faceid.js';

const { postSigned, server } = await faceIdFixture();

const request = verifyRequest;

describe('FaceID Encryption with SM4-GCM (SM2-wrapped key)', () => {
  const sm4 = createTencentFaceIdProvider({
    secretId,
    secretKey,
    endpoint: server.url,
    encryptionPublicKey: SANDBOX_SM2_PUBLIC_KEY,
    encryptionAlgorithm: 'SM4-GCM',
  });

  it('2, 3 and 4 elements: every field sent encrypted, one tag each; the simulator decrypts and verifies', async () => {
    const recording = recordingFetch();
    for (const kind of [2, 3, 4] as const) {
      expect(await verifyWith(sm4, request(kind, {}), ctx({ fetch: recording.fetch }))).toMatchObject({
        status: 'verified',
      });
    }
    expect(await verifyWith(sm4, request(3, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
    for (const { body } of recording.sent) {
      for (const raw of [HOLDER.name, HOLDER.idNumber, HOLDER.cardNumber, HOLDER.phone])
        expect(body).not.toContain(raw);
      const { Encryption: e } = JSON.parse(body);
      expect(e.Algorithm).toBe('SM4-GCM');
      expect(e.TagList).toHaveLength(e.EncryptList.length);
      expect(fromBase64(e.Iv)).toHaveLength(12);
    }
    expect(recording.sent.map((r) => JSON.parse(r.body).Encryption.EncryptList)).toEqual([
      ['Name', 'BankCard'],
      ['Name', 'IdCard', 'BankCard'],
      ['Name', 'IdCard', 'BankCard', 'Phone'],
    ]);
  });

  it('a changed ciphertext, a wrong tag, or one tag missing: DecryptSystemError, not a verdict', async () => {
    const key = await importFaceIdEncryptionKey(SANDBOX_SM2_PUBLIC_KEY, 'SM4-GCM');
    const tampered = [
      (b: Record<string, unknown>) => {
        // Another first character than the one it has (one ciphertext in 64 starts with A already).
        const name = String(b.Name);
        b.Name = `${name.startsWith('A') ? 'B' : 'A'}${name.slice(1)}`;
      },
      (b: { Encryption: { TagList: string[] } }) => {
        b.Encryption.TagList.reverse();
      },
      (b: { Encryption: { TagList: string[] } }) => {
        b.Encryption.TagList.pop();
      },
    ];
    for (const change of tampered) {
      const body = await encryptFields(faceIdBody(request(3, {})), ['Name', 'IdCard', 'BankCard'], key, ctx());
      change(body as never);
      const res = await postSigned(
        JSON.stringify(body),
        { 'content-type': 'application/json; charset=utf-8' },
        '127.0.0.1',
      );
      expect((await res.json()).Response.Error.Code).toBe('FailedOperation.DecryptSystemError');
    }
  });

  it("takes a key wrapped as Tencent's Node tool wraps it (gm-crypto SM2, C1C3C2, 04 prefix)", async () => {
    const sek = crypto.getRandomValues(new Uint8Array(16));
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const body: Record<string, unknown> = { ...faceIdBody(request(3, {})) };
    const tags: string[] = [];
    for (const field of ['Name', 'IdCard', 'BankCard']) {
      const { ciphertext, tag } = sm4GcmEncrypt(sek, iv, new TextEncoder().encode(String(body[field])));
      body[field] = toBase64(ciphertext);
      tags.push(toBase64(tag));
    }
    const point = parseSm2PublicKey(SANDBOX_SM2_PUBLIC_KEY).pointHex;
    body.Encryption = {
      EncryptList: ['Name', 'IdCard', 'BankCard'],
      CiphertextBlob: SM2.encrypt(Buffer.from(sek), point, {
        mode: SM2.constants.C1C3C2,
        outputEncoding: 'base64',
        pc: true,
      } as Parameters<typeof SM2.encrypt>[2] & { pc: boolean }),
      Iv: toBase64(iv),
      Algorithm: 'SM4-GCM',
      TagList: tags,
    };
    const res = await postSigned(
      JSON.stringify(body),
      { 'content-type': 'application/json; charset=utf-8' },
      '127.0.0.1',
    );
    expect((await res.json()).Response.Result).toBe('0');
  });
});

describe('FaceID Encryption (AES-256-CBC, RSA-wrapped key)', () => {
  const p = createTencentFaceIdProvider({
    secretId,
    secretKey,
    endpoint: server.url,
    encryptionPublicKey: SANDBOX_RSA_PUBLIC_KEY,
  });

  it('encrypts every field; the simulator decrypts and verifies', async () => {
    expect(await verifyWith(p, request(4, {}), ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(p, request(3, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
    expect(await verifyWith(p, request(2, {}), ctx())).toMatchObject({ status: 'verified' });
    expect(await verifyWith(p, request(2, { name: '李四' }), ctx())).toMatchObject({ status: 'mismatch' });
  });

  it('2 elements: EncryptList names the two fields the action takes', async () => {
    const recording = recordingFetch();
    expect(await verifyWith(p, request(2, {}), ctx({ fetch: recording.fetch }))).toMatchObject({ status: 'verified' });
    const sent = recording.sent[0]?.body ?? '{}';
    const body = JSON.parse(sent);
    expect(body.Encryption.EncryptList).toEqual(['Name', 'BankCard']);
    expect(Object.keys(body).sort()).toEqual(['BankCard', 'Encryption', 'Name']);
    for (const raw of [HOLDER.name, HOLDER.cardNumber]) expect(sent).not.toContain(raw);
  });

  it('sends no field in clear and a fresh key and IV per request', async () => {
    const recording = recordingFetch();
    await verifyWith(p, request(4, {}), ctx({ fetch: recording.fetch }));
    await verifyWith(p, request(4, {}), ctx({ fetch: recording.fetch }));
    const bodies = recording.sent.map((r) => r.body);
    for (const body of bodies) {
      for (const raw of [HOLDER.name, HOLDER.idNumber, HOLDER.cardNumber, HOLDER.phone])
        expect(body).not.toContain(raw);
    }
    const [a, b] = bodies.map((body) => JSON.parse(body).Encryption);
    expect(a.EncryptList).toEqual(['Name', 'IdCard', 'BankCard', 'Phone']);
    expect(a.Iv).not.toBe(b.Iv);
    expect(a.CiphertextBlob).not.toBe(b.CiphertextBlob);
  });
});
