import { toBase64Url } from '@cardbind/core/crypto';
import type { Context } from 'hono';
import { setAnswerHeader } from './answers.js';

/** Text or an attribute value, safe inside the HTML of the BFF's own pages. */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/**
 * The head of one of the BFF's own pages (the bank redirect's, the hosted page's: one-time pages,
 * never indexed), its styles by nonce. The empty data: icon: a browser asks a top-level page for /favicon.ico otherwise, which
 * these pages' CSP refuses (Firefox logs the violation).
 */
export const pageHead = (nonce: string, lang: string, title: string, style: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style nonce="${nonce}">${style}</style></head>`;

/** One of those pages as the answer: a fresh nonce for its CSP, never cached, no referrer. */
export function htmlPage(
  c: Context,
  render: (nonce: string) => { html: string; csp: string },
  status: 200 | 410 = 200,
) {
  const { html, csp } = render(toBase64Url(crypto.getRandomValues(new Uint8Array(16))));
  setAnswerHeader(c, 'content-security-policy', csp);
  setAnswerHeader(c, 'cache-control', 'no-store');
  setAnswerHeader(c, 'referrer-policy', 'no-referrer');
  return c.html(html, status);
}
