import { request } from 'node:http';
import { listen } from '@cardbind/sandbox/node';
import { afterThis } from '../../../../scripts/test-processes/track.js';
import { ORIGIN, type Sandbox } from './sandbox.js';

/**
 * The browser's part of a bind, first half: open /r/<ticket> (a page that
 * POSTs the ticket back), POST it, and submit the form that comes back to the
 * bank page. `cookie` is what the BFF gave the browser that spent the ticket.
 */
export async function openBankPage(redirectUrl: string) {
  const interstitial = await fetch(redirectUrl);
  if (interstitial.status !== 200) throw new Error(`GET ${redirectUrl}: ${interstitial.status}`);
  const page = await fetch(redirectUrl, { method: 'POST' });
  const cookie = page.headers.get('set-cookie')?.split(';')[0] ?? '';
  const html = await page.text();
  const csp = page.headers.get('content-security-policy') ?? '';
  const action = /action="([^"]+)"/.exec(html)?.[1] ?? '';
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
  );
  const bank = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  const ref = /name="ref" value="([^"]+)"/.exec(await bank.text())?.[1] ?? '';
  return { html, csp, action, ref, cookie };
}

/** Second half: the cardholder decides on the bank page; the answer redirects back to the BFF. */
export function decideAtBank(action: string, ref: string, decision: 'approve' | 'decline') {
  return fetch(new URL('/bank/confirm', action), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ref, decision }).toString(),
    redirect: 'manual',
  });
}

/** Both halves; with `sandbox`, once its bank's notifications have been sent too. */
export async function throughBank(redirectUrl: string, decision: 'approve' | 'decline', sandbox?: Sandbox) {
  const opened = await openBankPage(redirectUrl);
  const back = await decideAtBank(opened.action, opened.ref, decision);
  await sandbox?.aggregate.notifier.idle();
  return { ...opened, back };
}

export interface Received {
  id: string;
  type: string;
  jws: string;
  /** Answered 2xx (the delivery counts), not 503. */
  accepted: boolean;
  /** The W3C trace context the delivery carried (when the BFF traces). */
  traceparent: string | null;
}

/**
 * The merchant's webhook endpoint: records every delivery; answers 503 while
 * `failing` is positive (counting down), 200 after.
 */
export async function startWebhookReceiver(options: { failing?: number } = {}) {
  const received: Received[] = [];
  const state = { failing: options.failing ?? 0 };
  const server = await listen(async (request) => {
    const jws = await request.text();
    const accepted = state.failing <= 0;
    received.push({
      id: request.headers.get('cardbind-event-id') ?? '',
      type: request.headers.get('cardbind-event-type') ?? '',
      jws,
      accepted,
      traceparent: request.headers.get('traceparent'),
    });
    if (accepted) return new Response(null, { status: 204 });
    state.failing -= 1;
    return new Response('down for maintenance', { status: 503 });
  });
  afterThis(() => server.close());
  return { url: server.url, received, state };
}

/** Sends `total` bytes as a chunked body (no content-length), as fast as the server reads them. */
export function chunkedUpload(url: string, path: string, total: number, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; sent: number }>((resolve, reject) => {
    const req = request(new URL(path, url), {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    });
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    let sent = 0;
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        body += d;
      });
      const done = () => resolve({ status: res.statusCode ?? 0, body, sent });
      res.on('end', done);
      res.on('close', done);
    });
    // Once answered, the server closes the connection: a write error then is expected.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    pump();
  });
}
