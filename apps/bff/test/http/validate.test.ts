import { describe, expect, it } from 'vitest';
import { REFUSAL_STATUS } from '../../src/http/statuses.js';
import { MAX_BODY_BYTES } from '../../src/middleware/body-cap.js';
import { REFUSALS, type RefusalCode } from '../../src/refusals.js';
import { Client, startBff } from '../support/bff.js';
import { rawSend } from '../support/raw-http.js';
import { baseConfig, HOLDER as holder, startSandbox } from '../support/sandbox.js';
import { type Case, malformedCorpus } from './malformed/corpus.js';

/**
 * A generated corpus of malformed requests, each with the error codes it may
 * get. Every answer must be a 4xx from the catalogue, with the status the
 * catalogue gives that code, and one of the codes its generator expects.
 */
const sandbox = await startSandbox();
let serverKey = { kid: '', privateJwk: {} as Record<string, string> };
const bff = await startBff(async (url) => {
  const config = await baseConfig(sandbox, url);
  serverKey = config.signingKeys[0] ?? serverKey;
  // Limits out of the way: this corpus is about answers to malformed requests, not throttling.
  const many = 1_000_000;
  return {
    ...config,
    limits: {
      ipPerMinute: many,
      sessionAttempts: many,
      failedAuthPerMinute: many,
      notifyIpPerMinute: many,
      notificationsPerSecond: many,
    },
  };
});
const client = new Client(bff.url);
const valid = { kind: 3, name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0], consent: true };
const token = await client.session();
const bytesOf = (c: Case) =>
  typeof c.body === 'string' ? new TextEncoder().encode(c.body).byteLength : (c.body?.byteLength ?? 0);
const reset = (error: unknown) => (error as { cause?: { code?: string } }).cause?.code === 'ECONNRESET';
const fetchOnce = (c: Case) =>
  fetch(new URL(c.path, bff.url), {
    method: c.method ?? 'POST',
    headers: c.headers ?? {},
    ...(c.body === undefined ? {} : { body: c.body }),
    redirect: 'manual',
  }).then(async (res) => ({ status: res.status, text: await res.text() }));
async function send(c: Case) {
  const { status, text } = await (bytesOf(c) > MAX_BODY_BYTES && c.body !== undefined
    ? // Answered before it is read: the reset of the unread upload that may follow is not the answer.
      rawSend(new URL(c.path, bff.url).href, c.method ?? 'POST', c.headers ?? {}, c.body)
    : // A kept-alive connection the server closed as the request went out (its idle timeout, on a
      // starved machine) is reset with no answer: sent again once, as browsers do.
      fetchOnce(c).catch((error: unknown) => (reset(error) ? fetchOnce(c) : Promise.reject(error)))
  ).catch((error: unknown) => {
    throw new Error(`${c.kind} ${c.method ?? 'POST'} ${c.path.slice(0, 40)}: no answer`, { cause: error });
  });
  let code: string | undefined;
  try {
    code = (JSON.parse(text) as { error?: { code?: string } }).error?.code;
  } catch {
    code = undefined;
  }
  return { status, code };
}

describe('malformed-request corpus', () => {
  it('≥ 2,000 generated malformed requests: no 5xx, every answer a documented code with its documented status', async () => {
    const cases = await malformedCorpus({ bffUrl: bff.url, token, serverKey, valid });
    expect(cases.length).toBeGreaterThanOrEqual(2_000);
    const failures: string[] = [];
    const seen = new Map<string, number>();
    // Bodies over the cap go one at a time: the server answers 413 without reading them, and the
    // Node adapter drains an unread body for 500 ms before it resets the connection; large
    // uploads 32 at a time on a busy machine outlasted that.
    const oversized = (c: Case) => bytesOf(c) > MAX_BODY_BYTES;
    const small = cases.filter((c) => !oversized(c));
    const batches = [
      ...Array.from({ length: Math.ceil(small.length / 32) }, (_, i) => small.slice(i * 32, i * 32 + 32)),
      ...cases.filter(oversized).map((c) => [c]),
    ];
    for (const batch of batches) {
      const results = await Promise.all(batch.map(send));
      results.forEach((r, j) => {
        const c = batch[j] as Case;
        seen.set(`${c.kind} → ${r.code}`, (seen.get(`${c.kind} → ${r.code}`) ?? 0) + 1);
        const documented = r.code !== undefined && r.code in REFUSALS;
        const statusOk = documented && REFUSAL_STATUS[r.code as RefusalCode] === r.status;
        if (r.status >= 500 || !documented || !statusOk || !c.expect.includes(r.code as RefusalCode)) {
          failures.push(
            `${c.kind} ${c.method ?? 'POST'} ${c.path.slice(0, 40)} → ${r.status} ${r.code} (expected ${c.expect.join('|')})`,
          );
        }
      });
    }
    expect(failures.slice(0, 20)).toEqual([]);
    // Nothing reached a provider: every case failed before the call.
    expect(sandbox.faceid.stats.count('BankCardVerification')).toBe(0);
    expect(seen.size).toBeGreaterThan(20);
  }, 120_000);
});
