import type { FormDescriptor } from '@cardbind/core/provider';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/**
 * The page behind `/r/<ticket>`: the provider's form, auto-submitted by one
 * nonce'd script (no inline handlers), with a button for browsers without
 * script. Served under a CSP that allows nothing else, and whose
 * `form-action` names only the bank page's origin.
 */
export function redirectPage(form: FormDescriptor, nonce: string): { html: string; csp: string } {
  const inputs = Object.entries(form.fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="referrer" content="no-referrer"><title>正在前往银行页面 · Redirecting to your bank</title><style nonce="${nonce}">body{font-family:system-ui,sans-serif;display:grid;place-items:center;min-height:90vh;color:#1f2329}button{font-size:16px;padding:10px 20px}</style></head><body><form id="bank" method="${form.method.toLowerCase()}" action="${escapeHtml(form.action)}" accept-charset="${escapeHtml(form.acceptCharset)}">${inputs}<p>正在前往银行页面… Redirecting to your bank…</p><noscript><button type="submit">继续 · Continue</button></noscript></form><script nonce="${nonce}">document.getElementById('bank').submit();</script></body></html>`;
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    `form-action ${new URL(form.action).origin}`,
    "base-uri 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { html, csp };
}
