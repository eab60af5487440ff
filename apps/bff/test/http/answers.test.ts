import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, describe, expect, it } from 'vitest';
import { answerHeaders, json, setAnswerHeader } from '../../src/http/answers.js';

/** The answer headers reach every answer, whichever way it is built; JSON answers are not copied. */
function appUnderTest() {
  const built = new Map<string, Response>();
  const app = new Hono();
  app.use('*', answerHeaders({ 'x-content-type-options': 'nosniff' }), async (c, next) => {
    setAnswerHeader(c, 'x-request-id', 'req-1');
    await next();
  });
  app.onError((_error, c) => {
    setAnswerHeader(c, 'retry-after', '7');
    return json(c, { error: { code: 'BUSY' } }, 503);
  });
  app.get('/json', (c) => {
    setAnswerHeader(c, 'cache-control', 'no-store');
    const answer = json(c, { ok: true }, 201);
    built.set('/json', answer);
    return answer;
  });
  app.get('/html', (c) => {
    setAnswerHeader(c, 'content-security-policy', "default-src 'none'");
    return c.html('<p>hi</p>');
  });
  app.get('/redirect', (c) => c.redirect('https://bank.example/', 303));
  app.get('/throws', () => {
    throw new Error('down');
  });
  return { app, built };
}

describe('answer headers', () => {
  it('a JSON answer carries them as built, with its own status and content type, not copied', async () => {
    const { app, built } = appUnderTest();
    const res = await app.request('/json');
    expect(res).toBe(built.get('/json'));
    expect(res.status).toBe(201);
    expect(Object.fromEntries(res.headers)).toEqual({
      'content-type': 'application/json',
      'x-request-id': 'req-1',
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    expect(await res.json()).toEqual({ ok: true });
  });

  it('answers built by Hono (HTML, a redirect) and errors get them too', async () => {
    const { app } = appUnderTest();
    const html = await app.request('/html');
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(html.headers.get('x-request-id')).toBe('req-1');
    expect(await html.text()).toBe('<p>hi</p>');

    const redirect = await app.request('/redirect');
    expect([redirect.status, redirect.headers.get('location'), redirect.headers.get('x-content-type-options')]).toEqual(
      [303, 'https://bank.example/', 'nosniff'],
    );

    const failed = await app.request('/throws');
    expect([failed.status, failed.headers.get('retry-after'), failed.headers.get('x-request-id')]).toEqual([
      503,
      '7',
      'req-1',
    ]);
    expect(await failed.json()).toEqual({ error: { code: 'BUSY' } });
  });

  it("every answer starts from the headers given for all, and one answer's headers stay its own", async () => {
    const { app } = appUnderTest();
    expect((await app.request('/json')).headers.get('cache-control')).toBe('no-store');
    const next = await app.request('/html');
    expect(next.headers.get('x-content-type-options')).toBe('nosniff');
    expect(next.headers.get('cache-control')).toBeNull();
    expect((await app.request('/json')).headers.get('content-security-policy')).toBeNull();
  });

  describe('over HTTP through @hono/node-server', () => {
    const { app } = appUnderTest();
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));
    const url = new Promise<string>((resolve) =>
      server.once('listening', () => {
        const address = server.address();
        resolve(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`);
      }),
    );

    it('sends each header once, and the body with its length', async () => {
      const res = await fetch(`${await url}/json`);
      expect(res.status).toBe(201);
      expect(res.headers.get('x-request-id')).toBe('req-1');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-length')).toBe(String('{"ok":true}'.length));
      expect(await res.text()).toBe('{"ok":true}');
    });
  });
});
