import { escapeHtml, pageHead } from '../http/html.js';
import type { GoneReason } from '../use-cases/hosted-session.js';

/**
 * The hosted page's HTML: the widget's form full-page (inline mode: the page is on the BFF's own
 * origin, so the fields are typed into it, never into the merchant's), phone first; and the page of
 * a link that no longer opens. Each under a CSP of its own, scripts and styles by nonce.
 */

type Locale = 'zh-CN' | 'en';

const STYLE =
  '*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2937;background:#fff}main{max-width:520px;margin:0 auto;padding:16px}h1{font-size:1.25rem;margin:8px 0 16px}a{color:#1a56db}';

/** The mini programs' own scripts, loaded only inside their web-views, and only when the merchant asked for the hand-back. */
const MINI_PROGRAM_SDKS = {
  wechat: 'https://res.wx.qq.com/open/js/jweixin-1.6.0.js',
  alipay: 'https://appx/web-view.min.js',
};

const csp = (nonce: string, scripts: 'none' | 'page' | 'page and mini programs') =>
  [
    "default-src 'none'",
    // The loader and inline mode's form, from this BFF; the page's own script by its nonce.
    scripts === 'none'
      ? "script-src 'none'"
      : `script-src 'self' 'nonce-${nonce}'${scripts === 'page' ? '' : ` ${Object.values(MINI_PROGRAM_SDKS).join(' ')}`}`,
    `style-src 'nonce-${nonce}'`,
    "connect-src 'self'",
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');

const head = (nonce: string, locale: Locale, title: string) => pageHead(nonce, locale, title, STYLE);

const TITLES: Record<Locale, string> = { 'zh-CN': '银行卡验证', en: 'Bank card verification' };

/** A bind inside a mini program's web-view, where the bank's page cannot open. */
const BIND_HERE: Record<Locale, { text: string; back: string }> = {
  'zh-CN': { text: '绑定银行卡需要打开银行页面，此处无法打开。请返回后在浏览器中完成。', back: '返回' },
  en: {
    text: "Binding a card needs your bank's page, which cannot open here. Go back and finish in a browser.",
    back: 'Back',
  },
};

/**
 * The page's script: claims the link (a POST: a preview's GET never does), mounts the form with the
 * token it gets, and sends the person back when the form ends: to `returnUrl`, or, in a WeChat or
 * Alipay mini program's web-view when the merchant asked for it, to the mini program (its own
 * script, loaded then only: a message, then back). The bank's page cannot open in a web-view (it is
 * not on the mini program's business domains): a bind there says so and goes back, without claiming
 * the link (it still opens in a browser). A link another browser took: the reload shows why.
 */
const SCRIPT = `(async () => {
  const root = document.getElementById('cardbind');
  const ua = navigator.userAgent;
  const mini = window.__wxjs_environment === 'miniprogram' || /miniProgram/i.test(ua) ? 'wechat' : /AlipayClient/.test(ua) && /MiniProgram/.test(ua) ? 'alipay' : undefined;
  const sdk = mini && root.dataset.handBack === 'true' && new Promise((loaded) => {
    const script = document.createElement('script');
    script.src = ${JSON.stringify(MINI_PROGRAM_SDKS)}[mini];
    script.onload = () => loaded(mini === 'wechat' ? window.wx && window.wx.miniProgram : window.my);
    script.onerror = () => loaded(undefined);
    document.head.append(script);
  });
  const back = async (name, value) => {
    const api = sdk && (await sdk);
    if (api) {
      api.postMessage({ data: { [name]: value } });
      return api.navigateBack({ delta: 1 });
    }
    const to = new URL(root.dataset.returnUrl);
    to.searchParams.set(name, value);
    location.replace(to.href);
  };
  // Before the link is claimed: it stays good for a browser or an app.
  if (mini && root.dataset.bind === 'true') {
    const t = ${JSON.stringify(BIND_HERE)}[document.documentElement.lang];
    const p = document.createElement('p');
    p.textContent = t.text;
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t.back;
    button.addEventListener('click', () => back('cardbind_cancel', 'bind_needs_browser'));
    return root.append(p, button);
  }
  // This browser's claim, again for each new token (a token lasts minutes, the link longer).
  const claim = () => fetch(location.pathname + '/claim', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  const claimed = await claim();
  if (!claimed.ok) return location.reload();
  const s = await claimed.json();
  const fetchToken = async () => {
    const again = await claim();
    return again.ok ? (await again.json()).token : null;
  };
  Cardbind.mount(root, {
    token: s.token, fetchToken, bffUrl: location.origin, isolation: 'inline', mode: s.mode, elements: s.elements, locale: s.locale,
    ...(s.merchantName ? { merchantName: s.merchantName } : {}),
    onSuccess: (r) => (r.kind === 'bind' ? back('cardbind_order', r.orderNo) : back('cardbind_verification', r.id)),
    onExit: () => back('cardbind_cancel', 'cancelled'),
  });
})();`;

/** What the page's script needs before it claims the link (none of it is a secret). */
export interface HostedPageOptions {
  locale: Locale;
  returnUrl: string;
  /** A bind (or verify then bind): the page does not open it inside a mini program. */
  bind: boolean;
  handBackToMiniProgram: boolean;
}

export function hostedPage(nonce: string, o: HostedPageOptions): { html: string; csp: string } {
  const data = `data-return-url="${escapeHtml(o.returnUrl)}" data-bind="${o.bind}" data-hand-back="${o.handBackToMiniProgram}"`;
  const html = `${head(nonce, o.locale, TITLES[o.locale])}<body><main><h1>${TITLES[o.locale]}</h1><div id="cardbind" ${data}></div></main><script nonce="${nonce}" src="/widget/cardbind.js"></script><script nonce="${nonce}">${SCRIPT}</script></body></html>`;
  return { html, csp: csp(nonce, o.handBackToMiniProgram ? 'page and mini programs' : 'page') };
}

const GONE: Record<Locale, Record<GoneReason, string> & { title: string; back: string }> = {
  'zh-CN': {
    title: '链接已失效',
    used: '此链接已在另一个浏览器中打开，不能再次使用。',
    expired: '此链接已过期。',
    unknown: '此链接无效。',
    back: '返回商户',
  },
  en: {
    title: 'This link no longer works',
    used: 'This link was already opened in another browser and cannot be used again.',
    expired: 'This link has expired.',
    unknown: 'This link is not valid.',
    back: 'Back to the shop',
  },
};

/** A link that no longer opens: why, in the person's language, and the way back when it is known. */
export function gonePage(nonce: string, locale: Locale, reason: GoneReason, back?: string) {
  const t = GONE[locale];
  const way = back ? `<p><a href="${escapeHtml(back)}">${t.back}</a></p>` : '';
  const html = `${head(nonce, locale, t.title)}<body><main><h1>${t.title}</h1><p>${t[reason]}</p>${way}</main></body></html>`;
  return { html, csp: csp(nonce, 'none') };
}
