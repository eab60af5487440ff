import { defineElement, type Locale, type Mode, mount } from '@cardbind/widget';

// The merchant page: asks its own server for a widget session, mounts the widget.
const params = new URLSearchParams(location.search);
const mode = (params.get('mode') ?? 'verify') as Mode;
const locale = (params.get('locale') ?? 'zh-CN') as Locale;
const elements = params.get('elements') === '4' ? 4 : params.get('elements') === '2' ? 2 : 3;

const log = (text: string) => {
  const item = document.createElement('li');
  item.textContent = text;
  document.getElementById('events')?.append(item);
};

// The links in the page keep this page's mode and language (only their targets change: nothing moves).
const link = (id: string, query: string) => document.getElementById(id)?.setAttribute('href', `/?${query}`);
link('to-english', `mode=${mode}&elements=${elements}&locale=en`);
link('to-inline', `mode=${mode}&elements=${elements}&locale=${locale}&isolation=inline`);
link('to-brand', `mode=${mode}&elements=${elements}&locale=${locale}&theme=brand`);
// The hosted page, as an app would open it: the merchant's server makes the link, the page opens it.
document.getElementById('to-hosted')?.addEventListener('click', async () => {
  const res = await fetch('/api/hosted', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ mode, elements, locale }),
  });
  if (res.ok) location.assign(((await res.json()) as { url: string }).url);
});
// `?theme=brand`: the form in a shop's own colours and corners (mount()'s `appearance`).
const appearance =
  params.get('theme') === 'brand'
    ? { colorPrimary: '#b45309', colorBorder: '#92400e', borderRadius: '2px' }
    : undefined;
const title = document.getElementById('widget-title');
const titles = {
  verify: { en: 'Bank card verification', 'zh-CN': '银行卡验证' },
  bind: { en: 'Bind a bank card', 'zh-CN': '绑定银行卡' },
  'verify-then-bind': { en: 'Verify and bind a bank card', 'zh-CN': '验证并绑定银行卡' },
} as const;
if (title) title.textContent = (titles[mode] ?? titles.verify)[locale];
document.documentElement.lang = locale;

const providers = {
  verify: { en: 'Tencent Cloud (sandbox)', 'zh-CN': '腾讯云（沙箱）' },
  bind: { en: 'the aggregated-pay service (sandbox)', 'zh-CN': '聚合支付服务商（沙箱）' },
  'verify-then-bind': {
    en: 'Tencent Cloud and the aggregated-pay service (sandbox)',
    'zh-CN': '腾讯云和聚合支付服务商（沙箱）',
  },
} as const;
const bffUrl = document.querySelector<HTMLMetaElement>('meta[name=cardbind-bff-url]')?.content ?? '';
/**
 * A widget token from this merchant's own server, which holds the API key: the first one too, so
 * the widget is mounted at once and loads while the server makes it.
 */
const fetchToken = async () =>
  (
    (await (
      await fetch('/api/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ mode, elements }),
      })
    ).json()) as { token: string }
  ).token;
const container = document.getElementById('cardbind') as HTMLElement;
if (params.get('embed') === 'element') {
  // The framework-agnostic way: <cardbind-widget>, results as DOM events.
  defineElement();
  const element = document.createElement('cardbind-widget');
  element.setAttribute('bff-url', bffUrl);
  element.setAttribute('mode', mode);
  element.setAttribute('locale', locale);
  element.setAttribute('provider', providers[mode][locale]);
  element.setAttribute('merchant-name', locale === 'en' ? 'Demo Shop' : '演示商城');
  (element as HTMLElement & { fetchToken?: () => Promise<string> }).fetchToken = fetchToken;
  for (const name of ['ready', 'success', 'error']) {
    element.addEventListener(`cardbind-${name}`, (e) =>
      log(`element ${name} ${JSON.stringify((e as CustomEvent).detail ?? '')}`),
    );
  }
  container.append(element);
} else if (params.get('embed') === 'later') {
  // The mount benchmark mounts on a page already loaded, as it loads the empty iframe it compares with.
  (window as unknown as { mountWidget: () => void }).mountWidget = mountWidget;
} else if (params.get('embed') !== 'none') {
  // (`?embed=none`: the page alone, the layout-shift benchmark's baseline.)
  mountWidget();
}

function mountWidget() {
  // For the benchmark: from mount() to the form on screen, taking input (onReady).
  performance.mark('cardbind-mount');
  mount(container, {
    bffUrl,
    mode,
    elements,
    locale,
    ...(appearance ? { appearance } : {}),
    // Whoever receives the data in this mode, named in the consent.
    provider: providers[mode][locale],
    merchantName: locale === 'en' ? 'Demo Shop' : '演示商城',
    // A declined bind or a spent session asks for a fresh token instead of ending there.
    fetchToken,
    isolation: params.get('isolation') === 'inline' ? 'inline' : 'iframe',
    onReady: () => {
      performance.measure('cardbind-mount-to-interactive', 'cardbind-mount');
      log('ready');
    },
    onChange: (s) => {
      // The form's first `change` comes from its script, once it runs the form (the benchmark's second mark).
      if (!performance.getEntriesByName('cardbind-mount-to-script').length)
        performance.measure('cardbind-mount-to-script', 'cardbind-mount');
      log(`change complete=${s.complete}`);
    },
    onSuccess: (r) => log(`success ${JSON.stringify(r)}`),
    onError: (e) => log(`error ${e.code}`),
    onEvent: (name) => log(`event ${name}`),
    onExit: () => log('exit'),
  });
}
