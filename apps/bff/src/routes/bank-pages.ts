import type { FormDescriptor } from '@cardbind/core/contract';
import { escapeHtml, pageHead } from '../http/html.js';

const STYLE =
  'body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#1f2329}button,a{font-size:16px;padding:10px 20px}';
const HEAD = (nonce: string, title: string) => pageHead(nonce, 'zh-CN', title, STYLE);
const baseCsp = (nonce: string) => [
  "default-src 'none'",
  'img-src data:',
  `script-src 'nonce-${nonce}'`,
  `style-src 'nonce-${nonce}'`,
  "base-uri 'none'",
  "frame-ancestors 'none'",
];

/**
 * What `GET /r/<ticket>` shows: a page that POSTs the ticket back to itself
 * (by script, or a button without one). A GET never spends the ticket, so a
 * link preview, a scanner or a prefetch cannot take the cardholder's only
 * way to the bank; browsers do not prefetch a POST.
 */
export function ticketPage(nonce: string): { html: string; csp: string } {
  const html = `${HEAD(nonce, '正在前往银行页面 · Redirecting to your bank')}<body><form id="go" method="post"><p>正在前往银行页面… Redirecting to your bank…</p><noscript><button type="submit">继续 · Continue</button></noscript></form><script nonce="${nonce}">document.getElementById('go').submit();</script></body></html>`;
  return { html, csp: [...baseCsp(nonce), "form-action 'self'"].join('; ') };
}

/**
 * A spent ticket opened again by the browser that spent it (a reload, the
 * back button): no second submission to the bank, a way back to the shop.
 */
export function alreadySentPage(nonce: string, returnHref: string): { html: string; csp: string } {
  const html = `${HEAD(nonce, '已前往银行页面 · Already sent to your bank')}<body><main><p>已为你打开银行页面，请在银行页面完成操作。<br>You were already sent to your bank's page; finish there.</p><p><a href="${escapeHtml(returnHref)}">返回商户 · Back to the shop</a></p></main></body></html>`;
  return { html, csp: [...baseCsp(nonce), "form-action 'none'"].join('; ') };
}

/**
 * The page behind `POST /r/<ticket>`: the provider's form, auto-submitted by one
 * nonce'd script (no inline handlers), with a button for browsers without
 * script. Served under a CSP that allows nothing else, and whose
 * `form-action` names only the bank page's origin.
 */
export function redirectPage(form: FormDescriptor, nonce: string): { html: string; csp: string } {
  const inputs = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const html = `${HEAD(nonce, '正在前往银行页面 · Redirecting to your bank')}<body><form id="bank" method="${form.method.toLowerCase()}" action="${escapeHtml(form.action)}" accept-charset="${escapeHtml(form.acceptCharset)}">${inputs}<p>正在前往银行页面… Redirecting to your bank…</p><noscript><button type="submit">继续 · Continue</button></noscript></form><script nonce="${nonce}">document.getElementById('bank').submit();</script></body></html>`;
  return { html, csp: [...baseCsp(nonce), `form-action ${new URL(form.action).origin}`].join('; ') };
}
