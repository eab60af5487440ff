import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCallContext } from '@cardbind/core';
import { BodyReadError } from '@cardbind/core/contract';
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid';
import { CARDHOLDERS, createFaceIdSimulator, sandboxProviderConfigs } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { describe, expect, it } from 'vitest';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import { createNodeTransport } from '../../src/node/transport.js';

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

describe('createNodeTransport (keep-alive undici dispatcher for provider calls)', () => {
  const signal = new AbortController().signal;

  it('sends the method, headers and body, answers status, headers and text, and reuses its connections', async () => {
    const server = await recorder((_req, body) => ({ status: 200, body: `echo:${body}` }));
    const transport = createNodeTransport();
    for (let i = 0; i < 6; i++) {
      const res = await transport(`${server.url}/path?q=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tc-action': 'Test' },
        body: `{"n":${i}}`,
        signal,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('X-Answer')).toBe('yes');
      expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
      expect(res.headers.get('x-absent')).toBeNull();
      expect(res.text).toBe(`echo:{"n":${i}}`);
    }
    expect(server.seen.map((s) => [s.method, s.headers['x-tc-action'], s.body])).toEqual(
      Array.from({ length: 6 }, (_, i) => ['POST', 'Test', `{"n":${i}}`]),
    );
    // Kept alive: six calls over at most two connections (undici may open a second before the first is idle).
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('a refused connection fails with ECONNREFUSED (nothing sent); an abort fails as an abort; a cut body is a BodyReadError', async () => {
    const transport = createNodeTransport();
    const post = { method: 'POST' as const, headers: {}, body: '{}' };
    const refused = await transport('http://127.0.0.1:1/', { ...post, signal }).catch((e: unknown) => e);
    expect((refused as NodeJS.ErrnoException).code).toBe('ECONNREFUSED');
    const slow = await recorder(() => ({ status: 200 }));
    const controller = new AbortController();
    controller.abort(new Error('deadline'));
    const aborted = await transport(slow.url, { ...post, signal: controller.signal }).catch((e: unknown) => e);
    expect(aborted).toBe(controller.signal.reason);
    expect(slow.seen).toEqual([]);

    const cut = createServer((_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"Response":');
      setTimeout(() => res.destroy(), 20);
    });
    await new Promise<void>((resolve) => cut.listen(0, '127.0.0.1', resolve));
    afterThis(() => new Promise((resolve) => cut.close(resolve)));
    const broken = await transport(`http://127.0.0.1:${(cut.address() as AddressInfo).port}/`, {
      ...post,
      signal,
    }).catch((e: unknown) => e);
    expect(broken).toBeInstanceOf(BodyReadError);
    expect((broken as BodyReadError).status).toBe(200);
  });

  it('carries the FaceID provider to a verified answer from the simulator over HTTP', async () => {
    const faceid = createFaceIdSimulator();
    const server = await listen(faceid.app.fetch);
    afterThis(() => server.close());
    const config = sandboxProviderConfigs({ 'tencent-faceid': server.url })['tencent-faceid'];
    const provider = createTencentFaceIdProvider(config);
    const holder = CARDHOLDERS[0] ?? { name: '', idNumber: '', cards: [''] };
    const outcome = await provider.verify3(
      { kind: 3, orderNo: 'o1', name: holder.name, idNumber: holder.idNumber, cardNumber: holder.cards[0] ?? '' },
      createCallContext({ transport: createNodeTransport() }),
    );
    expect(outcome).toMatchObject({ status: 'verified', charged: true });
  });
});
