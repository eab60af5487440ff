/**
 * The sandbox bank's H5 pages: plain HTML, no script, a form that posts the cardholder's decision.
 * A real bank's page speaks the bank's language; the sandbox's says everything in Chinese and in
 * English, so a tester who chose either in the widget can read it (the page cannot know the choice).
 */

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

const STYLE = `body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;margin:0;color:#1f2329}
main{max-width:420px;margin:40px auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 2px 12px #0001}
h1{font-size:20px;margin:0 0 4px}.sub{color:#646a73;margin:0 0 20px}dl{display:grid;grid-template-columns:auto 1fr;gap:8px 16px}
dt{color:#646a73}span[lang=en]{display:block;font-size:12px;font-weight:400;color:#8f959e}button span[lang=en]{color:inherit}dd{margin:0;font-weight:600}.actions{display:flex;gap:12px;margin-top:24px}
button{flex:1;font-size:16px;line-height:1.3;padding:12px;border-radius:8px;border:1px solid #c9cdd4;background:#fff;cursor:pointer}
button[value=approve]{background:#c7000b;border-color:#c7000b;color:#fff}.note{font-size:12px;color:#8f959e;margin-top:16px}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export interface ConfirmPageModel {
  ref: string;
  bankName: string;
  cardTypeLabel: string;
  maskedCard: string | undefined;
  maskedName: string;
  merchant: string;
}

export function confirmPage(m: ConfirmPageModel): string {
  const card = m.maskedCard
    ? `<dt>银行卡 <span lang="en">Card</span></dt><dd data-testid="masked-card">${escapeHtml(m.maskedCard)}</dd>`
    : '<dt>银行卡 <span lang="en">Card</span></dt><dd>未找到您在本行的银行卡 <span lang="en">(no card of yours at this bank)</span></dd>';
  const approve = m.maskedCard
    ? '<button type="submit" name="decision" value="approve">同意绑卡 <span lang="en">Approve</span></button>'
    : '';
  return page(
    `${m.bankName} · 一键绑卡`,
    `<h1 data-testid="bank-name">${escapeHtml(m.bankName)}</h1><p class="sub">一键绑卡授权 · 沙箱银行页面 <span lang="en">One-click card binding · sandbox bank page</span></p>
<dl><dt>商户 <span lang="en">Merchant</span></dt><dd>${escapeHtml(m.merchant)}</dd><dt>持卡人 <span lang="en">Cardholder</span></dt><dd>${escapeHtml(m.maskedName)}</dd>${card}<dt>卡类型 <span lang="en">Card type</span></dt><dd>${escapeHtml(m.cardTypeLabel)}</dd></dl>
<form method="post" action="/bank/confirm"><input type="hidden" name="ref" value="${escapeHtml(m.ref)}">
<div class="actions"><button type="submit" name="decision" value="decline">拒绝 <span lang="en">Decline</span></button>${approve}</div></form>
<p class="note">This is the cardbind sandbox bank. Nothing is real.</p>`,
  );
}

export function messagePage(title: string, text: string, status = 200): { html: string; status: number } {
  return { html: page(title, `<h1>${escapeHtml(title)}</h1><p class="sub">${escapeHtml(text)}</p>`), status };
}
