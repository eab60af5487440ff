import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { ApiRefusal, type DeadEvent, loadSummary, resendAllDead, resendEvent, type Summary } from './api.js';
import { formatters } from './format.js';
import { fill, type Locale, MESSAGES } from './messages.js';
import { Orders, Outcomes, Providers, Spend, Webhooks } from './sections.js';

const KEY_STORAGE = 'cardbind-ops-key';
const LOCALES: Locale[] = ['zh-CN', 'en'];

/** The language: `?lang=` first, then what the page was served in. */
function initialLocale(): Locale {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'en' || asked === 'zh-CN') return asked;
  return document.documentElement.lang === 'en' ? 'en' : 'zh-CN';
}

const storedKey = () => {
  try {
    return sessionStorage.getItem(KEY_STORAGE) ?? '';
  } catch {
    return '';
  }
};

export function App() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const [key, setKey] = useState(storedKey);
  const [summary, setSummary] = useState<Summary>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const t = MESSAGES[locale];
  const f = useMemo(() => formatters(locale, summary?.currency ?? 'CNY'), [locale, summary?.currency]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t.title;
    const url = new URL(location.href);
    url.searchParams.set('lang', locale);
    history.replaceState(null, '', url);
  }, [locale, t.title]);

  const refuse = (e: unknown) => {
    if (e instanceof ApiRefusal && e.status === 401) return t.keyRefused;
    if (e instanceof ApiRefusal && e.status === 429) return t.tooMany;
    return fill(t.failed, { code: e instanceof ApiRefusal ? e.code : 'NETWORK' });
  };

  const load = async (withKey: string, focus = false) => {
    setLoading(true);
    try {
      const next = await loadSummary(withKey);
      setSummary(next);
      setError(undefined);
      sessionStorage.setItem(KEY_STORAGE, withKey);
      if (focus) requestAnimationFrame(() => heading.current?.focus());
    } catch (e) {
      setError(refuse(e));
      if (e instanceof ApiRefusal && e.status === 401) {
        sessionStorage.removeItem(KEY_STORAGE);
        setSummary(undefined);
        requestAnimationFrame(() => keyInput.current?.focus());
      }
    } finally {
      setLoading(false);
    }
  };

  // A key kept from earlier in this tab opens the page again on reload.
  useEffect(() => {
    if (key) void load(key);
  }, []);

  const act = async (work: () => Promise<number>) => {
    setBusy(true);
    try {
      const n = await work();
      setNotice(fill(t.resent, { n }));
      await load(key);
    } catch (e) {
      setNotice(refuse(e));
    } finally {
      setBusy(false);
    }
  };

  const languages = (
    <fieldset class="languages">
      <legend class="visually-hidden">{t.language}</legend>
      {LOCALES.map((l) => (
        <button key={l} type="button" aria-pressed={l === locale} lang={l} onClick={() => setLocale(l)}>
          {l === 'en' ? 'English' : '中文'}
        </button>
      ))}
    </fieldset>
  );

  if (!summary) {
    return (
      <main class="login">
        <h1>{t.title}</h1>
        {languages}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (key.trim()) void load(key.trim(), true);
          }}
        >
          <label for="key">{t.keyLabel}</label>
          <input
            id="key"
            ref={keyInput}
            type="password"
            autocomplete="off"
            spellcheck={false}
            required
            value={key}
            aria-describedby="key-hint key-error"
            aria-invalid={error ? 'true' : 'false'}
            onInput={(e) => setKey((e.target as HTMLInputElement).value)}
          />
          <p id="key-hint" class="hint">
            {t.keyHint}
          </p>
          <p id="key-error" class="error" role="alert">
            {error ?? ''}
          </p>
          <button type="submit" class="primary" disabled={loading}>
            {loading ? t.loading : t.open}
          </button>
        </form>
      </main>
    );
  }

  const providers = summary.providers;
  return (
    <main>
      <header>
        <div>
          <h1 ref={heading} tabIndex={-1}>
            {t.title}
          </h1>
          <p class="scope">
            {summary.reader.operator
              ? t.scopeOperator
              : fill(t.scopeMerchant, { merchant: summary.reader.merchant ?? '' })}
            {' · '}
            <span id="generated">{fill(t.generated, { time: f.time(summary.generatedAt) })}</span>
          </p>
        </div>
        <div class="actions">
          {languages}
          <button type="button" onClick={() => void load(key)} disabled={loading}>
            {loading ? t.loading : t.refresh}
          </button>
          <button
            type="button"
            onClick={() => {
              sessionStorage.removeItem(KEY_STORAGE);
              setKey('');
              setSummary(undefined);
            }}
          >
            {t.signOut}
          </button>
        </div>
      </header>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
      {providers ? (
        <>
          <Providers providers={providers} t={t} locale={locale} f={f} />
          <Spend summary={summary} providers={providers} t={t} locale={locale} f={f} />
          <Outcomes providers={providers} t={t} locale={locale} f={f} />
        </>
      ) : (
        <p class="note">{t.providersNone}</p>
      )}
      <Webhooks
        webhooks={summary.webhooks}
        t={t}
        locale={locale}
        f={f}
        busy={busy}
        notice={notice}
        onResend={(event: DeadEvent) =>
          void act(async () => {
            await resendEvent(key, event.id);
            return 1;
          })
        }
        onResendAll={() => void act(async () => (await resendAllDead(key)).resent.length)}
      />
      <Orders orders={summary.orders} t={t} locale={locale} f={f} />
    </main>
  );
}
