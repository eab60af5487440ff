import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { eventually, frozenNodeBff, json } from '../support/bff.js';
import { chunkedUpload } from '../support/browser.js';
import { API_KEY, ORIGIN, startSandbox, VERIFY3 } from '../support/sandbox.js';

const sandbox = await startSandbox();

/** Starts a body and hangs up in the middle of it. */
function hangUpMidBody(url: string, path: string, headers: Record<string, string>) {
  return new Promise<void>((resolve) => {
    const req = request(new URL(path, url), { method: 'POST', headers: { origin: ORIGIN, ...headers } });
    req.on('error', () => resolve());
    req.write('{"kind":3,"name":"');
    setTimeout(() => {
      req.destroy();
      resolve();
    }, 50);
  });
}

const logLines = (logs: string[]) => logs.map((l) => JSON.parse(l) as Record<string, unknown>);

describe('body cap', () => {
  it('a chunked body is cut off at the cap as it arrives, on every POST route, and answered 413', async () => {
    const { url, client } = await frozenNodeBff(sandbox);
    const token = await client.session();
    const routes: [string, Record<string, string>][] = [
      ['/v1/sessions', { authorization: `Bearer ${API_KEY}` }],
      ['/v1/verifications', { authorization: `Bearer ${token}`, 'idempotency-key': 'chunked-0001' }],
      ['/v1/bind-cards', { authorization: `Bearer ${token}` }],
      ['/v1/notify/aggregate-pay', {}],
      ['/r/some-ticket', {}],
    ];
    for (const [path, headers] of routes) {
      const answer = await chunkedUpload(url, path, 4 * 1024 * 1024, headers);
      expect([path, answer.status]).toEqual([path, 413]);
      expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      // Refused long before the 4 MiB were all sent.
      expect(answer.sent).toBeLessThan(4 * 1024 * 1024);
    }
  });

  it('a chunked body under the cap is buffered and read as usual', async () => {
    const { url, client } = await frozenNodeBff(sandbox);
    const token = await client.session();
    const bytes = new TextEncoder().encode(JSON.stringify(VERIFY3));
    const res = await fetch(new URL('/v1/verifications', url), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: ORIGIN,
        authorization: `Bearer ${token}`,
        'idempotency-key': 'chunked-small-0001',
      },
      // A stream: sent chunked, without a content-length.
      body: new ReadableStream({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 10));
          controller.enqueue(bytes.subarray(10));
          controller.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(200);
    expect((await json(res)).outcome).toMatchObject({ status: 'verified' });
  });

  it('a client that hangs up mid-body is a 400 BODY_INCOMPLETE, never a 500 or an unhandled error', async () => {
    const { url, client, logs } = await frozenNodeBff(sandbox);
    const token = await client.session();
    const before = logs.length;
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    await hangUpMidBody(url, '/v1/verifications', {
      ...auth,
      'idempotency-key': 'hangup-00001',
      'content-length': '900',
    });
    await hangUpMidBody(url, '/v1/verifications', { ...auth, 'idempotency-key': 'hangup-00002' });
    await hangUpMidBody(url, '/v1/bind-cards', auth);
    const lines = await eventually(() => {
      const found = logLines(logs.slice(before)).filter((l) => l.event === 'request');
      return found.length >= 3 ? found : undefined;
    });
    expect(lines.map((l) => [l.route, l.status, l.level])).toEqual([
      ['/v1/verifications', 400, 'info'],
      ['/v1/verifications', 400, 'info'],
      ['/v1/bind-cards', 400, 'info'],
    ]);
    expect(logLines(logs.slice(before)).filter((l) => l.event === 'unhandled' || l.level === 'error')).toEqual([]);
  });
});
