import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallContext } from '@cardbind/core';
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid';
import { CARDHOLDERS, createFaceIdSimulator, sandboxProviderConfigs } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { afterThis } from '../../../scripts/test-processes/track.js';
import { createNodeFetch } from '../src/transport/node-fetch.js';

/** A server that records what arrived and on how many connections. */
async function recorder(answer: (req: IncomingMessage, body: string) => { status: number; body?: string }) {
  let connections = 0;
  const seen: { method: string | undefined; headers: IncomingMessage['headers']; body: string }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      seen.push({ method: req.method, headers: req.headers, body });
      const { status, body: out } = answer(req, body);
      res.writeHead(status, { 'x-answer': 'yes', 'set-cookie': ['a=1', 'b=2'] }).end(out);
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  afterThis(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen, connections: () => connections };
}

describe('createNodeFetch (keep-alive http.request for provider calls)', () => {
  it('sends the method, headers and body, answers a Web Response, and reuses one connection', async () => {
    const server = await recorder((_req, body) => ({ status: 200, body: `echo:${body}` }));
    const nodeFetch = createNodeFetch();
    for (let i = 0; i < 3; i++) {
      const res = await nodeFetch(`${server.url}/path?q=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tc-action': 'Test' },
        body: `{"n":${i}}`,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-answer')).toBe('yes');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(await res.text()).toBe(`echo:{"n":${i}}`);
    }
    expect(server.seen.map((s) => [s.method, s.headers['x-tc-action'], s.body])).toEqual([
      ['POST', 'Test', '{"n":0}'],
      ['POST', 'Test', '{"n":1}'],
      ['POST', 'Test', '{"n":2}'],
    ]);
    expect(server.connections()).toBe(1);
  });

  it('a refused connection fails with ECONNREFUSED (nothing sent); an abort fails as an abort', async () => {
    const nodeFetch = createNodeFetch();
    const refused = await nodeFetch('http://127.0.0.1:1/', { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const slow = await recorder(() => ({ status: 200 }));
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    const aborted = await nodeFetch(slow.url, { method: 'POST', body: '{}', signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect((aborted as Error).name).toBe('AbortError');
  });

  it('carries the FaceID provider to a verified answer from the simulator over HTTP', async () => {
    const faceid = createFaceIdSimulator();
    const server = await listen(faceid.app.fetch);
    afterThis(() => server.close());
    const config = sandboxProviderConfigs({ 'tencent-faceid': server.url })['tencent-faceid'];
    const provider = createTencentFaceIdProvider(config);
    const holder = CARDHOLDERS[0] ?? { name: '', idNumber: '', cards: [''] };
    const outcome = await provider.verify(
      { kind: 3, orderNo: 'o1', name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0] ?? '' },
      createCallContext({ fetch: createNodeFetch() }),
    );
    expect(outcome).toMatchObject({ status: 'verified', charged: true });
  });
});
