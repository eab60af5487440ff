// Everything the demo needs, on loopback: the provider simulators (with the
// sandbox bank page), the BFF on Node, and the merchant's own server, which
// serves the checkout page (under a strict CSP) and creates widget sessions
// with its API key. Used by `pnpm demo` and by the end-to-end tests.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveNode } from '@cardbind/bff/node';
import { createCardbindClient } from '@cardbind/client';
import { SANDBOX_PROVIDER_NAMES, SANDBOX_ROUTING } from '@cardbind/sandbox';
import { freePort, serveSimulators } from '@cardbind/sandbox/node';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair } from 'jose';

const DIST = fileURLToPath(new URL('../dist', import.meta.url));

/** The merchant's server: the page, `POST /api/session` (API key stays here), webhooks received. */
function merchantApp({ bffUrl, apiKey, origin, webhooks, endpoint }) {
  const app = new Hono();
  const bff = new URL(bffUrl).origin;
  const cardbind = createCardbindClient({ baseUrl: bffUrl, apiKey });
  // Iframe mode needs only frame-src for the BFF. Inline mode (?isolation=inline)
  // runs the BFF's form script on this page: script-src and connect-src widen too.
  const csp = (inline) =>
    [
      "default-src 'self'",
      `script-src 'self'${inline ? ` ${bff}` : ''}`,
      "style-src 'self'",
      `frame-src ${bff}`,
      `connect-src 'self'${inline ? ` ${bff}` : ''}`,
      "img-src 'self' data:",
      "base-uri 'none'",
      "form-action 'self'",
    ].join('; ');
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', csp(c.req.query('isolation') === 'inline'));
  });
  // The page names its BFF in a meta tag (a merchant's build would write it in): the widget is
  // mounted at once, with no request before it.
  const page = readFileSync(join(DIST, 'index.html'), 'utf8').replace('__CARDBIND_BFF_URL__', bffUrl);
  app.get('/', (c) => c.html(page));
  app.post('/api/session', async (c) => {
    const { mode = 'verify', elements = 3 } = await c.req.json().catch(() => ({}));
    const operations = operationsFor(mode, elements);
    const locale = new URL(c.req.header('referer') ?? origin).searchParams.get('locale') ?? 'zh-CN';
    try {
      const session = await cardbind.sessions.create({
        operations,
        origin,
        returnUrl: `${origin}/?mode=${mode}&locale=${locale}`,
        user: { userType: 'USER_ID', identifyId: 'demo-user-1' },
      });
      return c.json(session, 201);
    } catch (error) {
      return c.json({ error: { code: error.code ?? 'INTERNAL', message: error.message } }, error.status ?? 500);
    }
  });
  // A hosted page (an app or a mini program opens its URL): the person comes back to /return.
  app.post('/api/hosted', async (c) => {
    const { mode = 'verify', elements = 3, locale = 'zh-CN', handBack = false } = await c.req.json().catch(() => ({}));
    try {
      const hosted = await cardbind.hostedSessions.create({
        handBackToMiniProgram: handBack,
        operations: operationsFor(mode, elements),
        returnUrl: `${origin}/return`,
        locale,
        merchantName: locale === 'en' ? 'Demo Shop' : '演示商城',
        ...(mode === 'verify' ? {} : { user: { userType: 'USER_ID', identifyId: 'demo-user-1' } }),
      });
      return c.json(hosted, 201);
    } catch (error) {
      return c.json({ error: { code: error.code ?? 'INTERNAL', message: error.message } }, error.status ?? 500);
    }
  });
  // Where the hosted page sends the person back (as an app's return page would): the server
  // confirms what the query names; the query alone is only a hint.
  app.get('/return', async (c) => {
    const { cardbind_verification: id, cardbind_order: orderNo, cardbind_cancel: cancel } = c.req.query();
    let text = `cancelled: ${cancel ?? 'unknown'}`;
    if (id) {
      const v = await cardbind.verifications.retrieve(id).catch(() => undefined);
      text = v ? `verification ${v.id}: ${v.outcome.status} (confirmed by the server)` : 'verification not found';
    } else if (orderNo) {
      const o = await cardbind.bindCards.retrieve(orderNo).catch(() => undefined);
      text = o ? `bind order ${o.orderNo}: ${o.status} (confirmed by the server)` : 'bind order not found';
    }
    return c.html(
      `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Back in the shop</title></head><body><main><h1>Back in the shop</h1><p id="result">${escapeHtml(text)}</p><p><a href="/">Checkout</a></p></main></body></html>`,
    );
  });
  app.post('/api/webhooks', async (c) => {
    // The merchant's endpoint down for maintenance (the operations page's dead webhooks, in the tests).
    if (endpoint.down) return c.body('down for maintenance', 503);
    // The client also checks the JWS's typ: a widget token, signed by the same key, must not pass.
    const event = await cardbind.webhooks.verify(await c.req.text()).catch(() => undefined);
    if (!event) return c.body(null, 400);
    webhooks.push(event);
    return c.body(null, 204);
  });
  app.get('/api/webhooks', (c) => c.json(webhooks));
  app.use('/*', serveStatic({ root: relative(process.cwd(), DIST) }));
  return app;
}

/** The operations a form asks for. */
const operationsFor = (mode, elements) =>
  mode === 'bind'
    ? ['bind']
    : mode === 'verify-then-bind'
      ? ['verify4', 'bind']
      : [elements === 4 ? 'verify4' : elements === 2 ? 'verify2' : 'verify3'];

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]);

/** Listens, or rejects with the server's error (EADDRINUSE) instead of crashing on it. */
function serveOn(fetch, port, hostname) {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server));
    server.once('error', reject);
  });
}

/** What one paid sandbox call is priced at on the operations page (CNY): made-up, list-price-like. */
const SANDBOX_UNIT_PRICES = { 'tencent-faceid': 0.3, 'tencent-csec': 0.25, rz: 0.2, 'alibaba-cloudauth': 0.25 };

export async function startDemo({
  merchantPort = 0,
  bffPort = 0,
  host = '127.0.0.1',
  extraOrigins = [],
  webhooks: webhookDelivery = {},
  // The BFF's clock (tests move it forward: a hosted link's expiry); the real one otherwise.
  now,
} = {}) {
  const sims = await serveSimulators({ faceid: { qps: 1000 }, aggregate: { notifier: { firstDelayMs: 100 } } });
  const { faceid, aggregate, configs } = sims;

  const mPort = merchantPort || (await freePort());
  const bPort = bffPort || (await freePort());
  const origin = `http://${host}:${mPort}`;
  const bffUrl = `http://${host}:${bPort}`;
  const apiKey = `sk_demo_${randomBytes(16).toString('hex')}`;
  const operatorKey = `op_demo_${randomBytes(16).toString('hex')}`;
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const config = {
    publicUrl: bffUrl,
    merchants: [
      {
        id: 'demo-shop',
        apiKeySha256: createHash('sha256').update(apiKey).digest('hex'),
        // Your own page may use this BFF too (DEMO_ORIGINS): it gets a session from the API key printed at start.
        allowedOrigins: [origin, ...extraOrigins],
        webhook: { url: `${origin}/api/webhooks` },
      },
    ],
    signingKeys: [{ kid: 'demo', privateJwk: await exportJWK(privateKey) }],
    fingerprintSecret: randomBytes(32).toString('hex'),
    providers: configs,
    routing: SANDBOX_ROUTING,
    providerNames: SANDBOX_PROVIDER_NAMES,
    // Relaxed for a demo everyone on one machine shares (the browser tests reuse the same
    // cardholder and loopback address for dozens of checkouts a minute); production keeps the defaults.
    limits: { cardPerDay: 200, idPerDay: 200, sessionAttempts: 20, ipPerMinute: 2_000 },
    // The operations page at /ops, opened with this key.
    operatorKeySha256: createHash('sha256').update(operatorKey).digest('hex'),
    operations: { unitPrices: SANDBOX_UNIT_PRICES },
    webhooks: webhookDelivery,
  };
  const logs = [];
  const bff = await serveNode(config, {
    port: bPort,
    hostname: host,
    dataDir: mkdtempSync(join(tmpdir(), 'cardbind-demo-')),
    log: (line) => logs.push(line),
    ...(now ? { now } : {}),
  }).catch(async (error) => {
    await sims.close();
    throw error;
  });
  const webhooks = [];
  const endpoint = { down: false };
  let merchant;
  try {
    merchant = await serveOn(merchantApp({ bffUrl, apiKey, origin, webhooks, endpoint }).fetch, mPort, host);
  } catch (error) {
    await bff.close();
    await sims.close();
    throw error;
  }
  return {
    url: origin,
    bffUrl,
    apiKey,
    operatorKey,
    merchantId: config.merchants[0].id,
    simulators: sims.urls,
    faceid,
    csec: sims.csec,
    aggregate,
    webhookEndpoint: endpoint,
    logs,
    webhooks,
    async close() {
      await new Promise((resolve) => merchant.close(resolve));
      await bff.close();
      await sims.close();
    },
  };
}
