import { describe, expect, it } from 'vitest';
import { type Client, frozenNodeBff } from '../support/bff.js';
import { openBankPage } from '../support/browser.js';
import { BIND_BODY, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('the bank redirect ticket', () => {
  async function order(client: Client) {
    const token = await client.session();
    const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    expect(res.status).toBe(201);
    return (await res.json()) as { orderNo: string; redirectUrl: string };
  }

  it('survives HEAD and GET (link previews, scanners, prefetch); the POST spends it once', async () => {
    const { client } = await frozenNodeBff(sandbox);
    const { redirectUrl } = await order(client);
    for (let i = 0; i < 3; i++) {
      expect((await fetch(redirectUrl, { method: 'HEAD' })).status).toBe(200);
      const preview = await fetch(redirectUrl);
      expect(preview.status).toBe(200);
      const html = await preview.text();
      // The preview sees no bank form and no provider fields.
      expect(html).not.toContain('type="hidden"');
      expect(html).toContain('method="post"');
      expect(preview.headers.get('content-security-policy')).toContain("form-action 'self'");
    }
    const { action, ref } = await openBankPage(redirectUrl);
    expect(action).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    expect(ref).not.toBe('');
    // Spent: anyone else gets 410.
    expect((await fetch(redirectUrl, { method: 'POST' })).status).toBe(410);
    expect((await fetch(redirectUrl)).status).toBe(410);
  });

  it("the browser that spent it is shown the way back on reload, never the bank's form a second time", async () => {
    const { client } = await frozenNodeBff(sandbox);
    const { orderNo, redirectUrl } = await order(client);
    const { cookie } = await openBankPage(redirectUrl);
    expect(cookie).toMatch(/^cardbind_ticket=/);
    for (const method of ['POST', 'GET']) {
      const reload = await fetch(redirectUrl, { method, headers: { cookie } });
      expect(reload.status).toBe(200);
      const html = await reload.text();
      expect(html).not.toContain('<form');
      expect(html).toContain(`/v1/return/${orderNo}`);
      expect(reload.headers.get('content-security-policy')).toContain("form-action 'none'");
    }
    // Another browser's cookie is not this one.
    const other = await fetch(redirectUrl, { method: 'POST', headers: { cookie: 'cardbind_ticket=forged' } });
    expect(other.status).toBe(410);
  });
});
