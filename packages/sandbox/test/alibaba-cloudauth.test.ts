// cardbind's alibaba-cloudauth provider against the simulator: every SubCode of the provider's
// table reached and mapped as the table says; the gateway's refusals of malformed requests.
import { readFileSync } from 'node:fs';
import { createCallContext } from '@cardbind/core/contract';
import { REASONS } from '@cardbind/core/outcome';
import { createAlibabaCloudauthProvider } from '@cardbind/core/providers/alibaba-cloudauth';
import { bankMetaVerifyParams, SUB_CODES, signedCall } from '@cardbind/core/providers/alibaba-cloudauth/internal';
import { describe, expect, it } from 'vitest';
import { createCloudauthSimulator } from '../src/alibaba-cloudauth/app.js';
import { CLOUDAUTH_SUBCODE_CARDS, SANDBOX_CREDENTIALS, SCENARIO_CARDS } from '../src/index.js';
import { HOLDER, serveForSuite } from './support.js';

const simulator = createCloudauthSimulator({ qps: 10_000 });
const server = await serveForSuite(simulator.app);
const credentials = {
  accessKeyId: SANDBOX_CREDENTIALS.alibabaCloudauth.secretId,
  accessKeySecret: SANDBOX_CREDENTIALS.alibabaCloudauth.secretKey,
};
const provider = (extra: Record<string, unknown> = {}) =>
  createAlibabaCloudauthProvider({ ...credentials, endpoints: [server.url], ...extra });
const three = {
  kind: 3 as const,
  orderNo: 'o1',
  name: HOLDER.name,
  idNumber: HOLDER.idNumber,
  cardNumber: HOLDER.cardNumber,
};

/** A card that makes the simulator answer each SubCode. */
const CARD_FOR: Readonly<Record<string, string>> = {
  '101': HOLDER.cardNumber,
  '201': SCENARIO_CARDS.cardholder_info_wrong,
  '202': SCENARIO_CARDS.cardless_disabled,
  '203': SCENARIO_CARDS.expired,
  '204': SCENARIO_CARDS.restricted,
  '205': SCENARIO_CARDS.confiscated,
  '206': SCENARIO_CARDS.invalid_card,
  '207': SCENARIO_CARDS.no_issuer,
  '208': SCENARIO_CARDS.dormant,
  '209': SCENARIO_CARDS.fraud,
  '210': SCENARIO_CARDS.lost,
  '211': SCENARIO_CARDS.pin_locked,
  '212': SCENARIO_CARDS.issuer_unsupported,
  '213': SCENARIO_CARDS.status_abnormal,
  '302': SCENARIO_CARDS.data_check_failed,
  '305': SCENARIO_CARDS.unknown_failure,
  ...CLOUDAUTH_SUBCODE_CARDS,
};

describe('every SubCode, through the simulator, as the provider table maps it', () => {
  it('the table, the cards and the provider README cover the same codes, the same way', () => {
    expect(Object.keys(CARD_FOR).sort()).toEqual(Object.keys(SUB_CODES).sort());
    const readme = readFileSync(
      new URL('../../core/src/providers/alibaba-cloudauth/README.md', import.meta.url),
      'utf8',
    );
    const rows = readme
      .split('\n')
      .filter((line) => /^\| \d{3} \| \d \|/.test(line))
      .map((line) => line.split('|').map((cell) => cell.trim().replaceAll('`', '')));
    expect(
      rows.map(([, sub, biz, , reason, status, charged, retryable]) => [sub, biz, reason, status, charged, retryable]),
    ).toEqual(
      Object.entries(SUB_CODES).map(([sub, entry]) => [
        sub,
        sub.slice(0, 1),
        entry.reason,
        REASONS[entry.reason].status,
        String(entry.charged),
        REASONS[entry.reason].retryable ? 'yes' : 'no',
      ]),
    );
  });
  for (const [sub, entry] of Object.entries(SUB_CODES)) {
    it(`${sub} → ${entry.reason}, charged ${entry.charged}, retryable ${REASONS[entry.reason].retryable}`, async () => {
      for (const paramType of ['normal', 'md5'] as const) {
        const outcome = await provider({ paramType }).verify3(
          { ...three, cardNumber: CARD_FOR[sub] ?? '' },
          createCallContext(),
        );
        expect([outcome.reason, outcome.charged, outcome.provider?.code], paramType).toEqual([
          entry.reason,
          entry.charged,
          `200/${sub}`,
        ]);
      }
    });
  }
});

describe('the gateway refuses, in its common error shape', () => {
  /** One signed request, then `tamper` on its URL and headers before it is sent. */
  async function send(
    tamper: (url: URL, headers: Record<string, string>) => void = () => {},
    options: { signing?: 'v3' | 'v1'; params?: Record<string, string>; at?: number; secret?: string } = {},
  ) {
    const params = { ...bankMetaVerifyParams(three, 'normal'), ...options.params };
    const { url, headers } = await signedCall(
      new URL(server.url),
      params as never,
      { ...credentials, accessKeySecret: options.secret ?? credentials.accessKeySecret },
      options.signing ?? 'v3',
      options.at ?? Date.now(),
      createCallContext(),
    );
    const target = new URL(url);
    tamper(target, headers);
    const res = await fetch(target, { method: 'POST', headers });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  it.each(['v3', 'v1'] as const)('%s: a bad signature, a stale timestamp, a reused nonce', async (signing) => {
    const bad = await send(() => {}, { signing, secret: 'wrong' });
    expect(bad).toMatchObject({ status: 400, body: { Code: 'SignatureDoesNotMatch' } });
    expect(Object.keys(bad.body).sort()).toEqual(['Code', 'HostId', 'Message', 'Recommend', 'RequestId']);
    expect((await send(() => {}, { signing, at: Date.now() - 16 * 60_000 })).body.Code).toBe(
      'InvalidTimeStamp.Expired',
    );
    // The same nonce twice: the signature still matches, the second is a replay.
    const nonce = signing === 'v3' ? 'x-acs-signature-nonce' : 'SignatureNonce';
    const fixed = (url: URL, headers: Record<string, string>) => {
      if (signing === 'v3') headers[nonce] = 'abc';
      else url.searchParams.set(nonce, 'abc');
    };
    // A changed nonce breaks the signature: re-sign by sending what the signer made, twice.
    const first = await send(() => {}, { signing });
    expect(first.body.Code).toBe('200');
    expect((await send(fixed, { signing })).body.Code).toBe('SignatureDoesNotMatch');
  });

  it('a replayed request: SignatureNonceUsed', async () => {
    const params = bankMetaVerifyParams(three, 'normal');
    const { url, headers } = await signedCall(
      new URL(server.url),
      params,
      credentials,
      'v3',
      Date.now(),
      createCallContext(),
    );
    expect(((await (await fetch(url, { method: 'POST', headers })).json()) as { Code: string }).Code).toBe('200');
    const again = await fetch(url, { method: 'POST', headers });
    expect([again.status, ((await again.json()) as { Code: string }).Code]).toEqual([400, 'SignatureNonceUsed']);
  });

  it('unknown and missing parameters, wrong product and element combinations', async () => {
    expect((await send(() => {}, { params: { Extra: '1' } })).body).toMatchObject({ Code: 'UnsupportedParameter' });
    const { ProductType: _p, ...noProduct } = bankMetaVerifyParams(three, 'normal');
    const missing = await signedCall(
      new URL(server.url),
      noProduct as never,
      credentials,
      'v3',
      Date.now(),
      createCallContext(),
    );
    const res = await fetch(missing.url, { method: 'POST', headers: missing.headers });
    expect([res.status, ((await res.json()) as { Code: string }).Code]).toEqual([400, 'MissingProductType']);
    // 3 elements asked as the 2-element product; a 4-element product without the mobile.
    expect((await send(() => {}, { params: { ProductType: 'BANK_CARD_2_META' } })).body).toMatchObject({ Code: '401' });
    expect((await send(() => {}, { params: { ProductType: 'BANK_CARD_4_META' } })).body).toMatchObject({ Code: '400' });
    expect((await send(() => {}, { params: { ProductType: 'BANK_CARD_5_META' } })).body).toMatchObject({ Code: '401' });
  });
});
