import { importRsaPublicKey } from '@cardbind/core/crypto';
import { createAggSigner, sealEnvelope } from '@cardbind/core/providers/aggregate-pay/internal';
import { AGG_CUSTOMERS, SANDBOX_MERCHANT_RSA_PUBLIC_KEY } from '@cardbind/sandbox';
import fc from 'fast-check';
import { API_KEY, ORIGIN } from '../../support/sandbox.js';
import { type Case, type CorpusContext, json, sample, verificationCases } from './cases.js';

async function notifyBodies(n: number) {
  const pub = await importRsaPublicKey(SANDBOX_MERCHANT_RSA_PUBLIC_KEY);
  const plain = {
    customerNo: AGG_CUSTOMERS.md5.customerNo,
    orderNo: 'BCnosuchorder00000',
    status: 'SUCCESS',
    bindId: 'B',
  };
  const bodies: string[] = [];
  const wrongKeys = sample(fc.string({ minLength: 1, maxLength: 24 }), n);
  for (const key of wrongKeys.slice(0, Math.floor(n / 2))) {
    const sign = await createAggSigner({ type: 'MD5', md5Key: `${key}-not-the-key` }).sign(plain);
    bodies.push(JSON.stringify(sealEnvelope({ ...plain, sign }, plain.customerNo, pub)));
  }
  // Envelopes that are not even encrypted to us, or broken JSON around them.
  for (const junk of sample(fc.base64String({ minLength: 4, maxLength: 400 }), n - bodies.length)) {
    bodies.push(JSON.stringify({ customerNo: plain.customerNo, reqmsg: junk }));
  }
  return bodies;
}

/** Bind orders, BIN prefixes, order numbers, tickets, return URLs, notifications, unknown providers. */
export async function routeCases(ctx: CorpusContext, cases: Case[]) {
  const { token } = ctx;
  const { verifyHeaders } = verificationCases(ctx);
  // Bind orders, BIN prefixes, order numbers, tickets, return URLs.
  for (const value of sample(fc.record({ bankCode: fc.string(), bankCardType: fc.string(), name: fc.integer() }), 60)) {
    cases.push({
      kind: 'bind body',
      method: 'POST',
      path: '/v1/bind-cards',
      headers: verifyHeaders(),
      body: json(value),
      expect: ['INVALID_REQUEST'],
    });
  }
  for (const prefix of sample(
    fc.string({ minLength: 1, maxLength: 20 }).filter((s) => !/^\d{6,8}$/.test(s)),
    120,
  )) {
    cases.push({
      kind: 'bin prefix',
      method: 'GET',
      path: `/v1/bins/${encodeURIComponent(prefix)}`,
      headers: { origin: ORIGIN, authorization: `Bearer ${token}` },
      expect: ['INVALID_REQUEST', 'NOT_FOUND'],
    });
  }
  for (const orderNo of sample(fc.string({ minLength: 1, maxLength: 60 }), 80)) {
    cases.push({
      kind: 'order number',
      method: 'GET',
      path: `/v1/bind-cards/${encodeURIComponent(orderNo)}`,
      headers: { authorization: `Bearer ${API_KEY}` },
      expect: ['ORDER_NOT_FOUND', 'NOT_FOUND'],
    });
    cases.push({
      kind: 'return',
      method: 'GET',
      path: `/v1/return/${encodeURIComponent(orderNo)}`,
      expect: ['ORDER_NOT_FOUND', 'NOT_FOUND'],
    });
    cases.push({
      kind: 'ticket',
      method: 'GET',
      path: `/r/${encodeURIComponent(orderNo)}`,
      expect: ['TICKET_USED', 'NOT_FOUND'],
    });
  }

  // Hosted pages: bodies the merchant's server might send wrong, and links that are not links.
  for (const value of sample(
    fc.record(
      {
        operations: fc.oneof(fc.anything(), fc.array(fc.constantFrom('verify2', 'verify3', 'verify4', 'bind'))),
        returnUrl: fc.oneof(fc.string(), fc.webUrl(), fc.constant('javascript:alert(1)')),
        expiresInSeconds: fc.oneof(fc.anything(), fc.integer()),
        locale: fc.string(),
      },
      { requiredKeys: [] },
    ),
    60,
  )) {
    cases.push({
      kind: 'hosted session body',
      method: 'POST',
      path: '/v1/hosted-sessions',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: json(value),
      expect: ['INVALID_REQUEST', 'ORIGIN_NOT_ALLOWED'],
    });
  }
  for (const id of sample(fc.string({ minLength: 1, maxLength: 60 }), 40)) {
    cases.push({
      kind: 'hosted claim',
      method: 'POST',
      path: `/hosted/${encodeURIComponent(id)}/claim`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      expect: ['HOSTED_LINK_GONE', 'NOT_FOUND'],
    });
  }

  // Notifications with bad signatures, foreign envelopes, junk; unknown providers.
  for (const body of await notifyBodies(150)) {
    cases.push({
      kind: 'notify signature',
      method: 'POST',
      path: '/v1/notify/aggregate-pay',
      headers: { 'content-type': 'application/json' },
      body,
      expect: ['NOTIFY_REJECTED'],
    });
  }
  for (const text of sample(fc.string({ maxLength: 200 }), 60)) {
    cases.push({
      kind: 'notify junk',
      method: 'POST',
      path: '/v1/notify/aggregate-pay',
      headers: { 'content-type': 'application/json' },
      body: text,
      expect: ['NOTIFY_REJECTED'],
    });
    cases.push({
      kind: 'notify provider',
      method: 'POST',
      path: `/v1/notify/${encodeURIComponent(text || 'x')}`,
      headers: { 'content-type': 'application/json' },
      body: '{}',
      expect: ['NOT_FOUND'],
    });
  }
}
