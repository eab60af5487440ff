import {
  type ValidationResult,
  validateBankCard,
  validateMobile,
  validateName,
  validateResidentId,
} from '@cardbind/core/validation';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { InitMessage } from '../protocol.js';
import type { Api, OrderAnswer, Outcome } from './api.js';
import { Field } from './field.js';
import { groupCard } from './format.js';
import { STRINGS } from './i18n.js';

type FieldName = 'name' | 'idNumber' | 'cardNumber' | 'phone';
type Phase = 'form' | 'verifying' | 'verified' | 'rejected' | 'redirecting' | 'waiting' | 'bound' | 'failed';

const VALIDATORS: Record<FieldName, (v: string) => ValidationResult<unknown>> = {
  name: validateName,
  idNumber: (v) => validateResidentId(v),
  cardNumber: validateBankCard,
  phone: validateMobile,
};

export interface AppProps {
  init: InitMessage;
  api: Api;
  post: (message: Record<string, unknown>) => void;
}

export function App({ init, api, post }: AppProps) {
  const t = STRINGS[init.locale];
  const bindOnly = init.mode === 'bind';
  const fields: FieldName[] = bindOnly
    ? ['name', 'idNumber', 'phone']
    : init.elements === 4 || init.mode === 'verify-then-bind'
      ? ['name', 'idNumber', 'cardNumber', 'phone']
      : ['name', 'idNumber', 'cardNumber'];
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: '',
    idNumber: '',
    cardNumber: '',
    phone: '',
  });
  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [consent, setConsent] = useState(false);
  const [bank, setBank] = useState<{ code: string; name: string; type: 'DEBIT' | 'CREDIT' } | undefined>();
  const [bindChoice, setBindChoice] = useState({ code: 'ICBC', type: 'DEBIT' as 'DEBIT' | 'CREDIT' });
  const [phase, setPhase] = useState<Phase>(init.resumeOrder ? 'waiting' : 'form');
  const [result, setResult] = useState<{ text: string; card?: string } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  const inputs = useRef<HTMLFormElement>(null);

  const results = Object.fromEntries(fields.map((f) => [f, VALIDATORS[f](values[f])])) as Record<
    FieldName,
    ValidationResult<unknown>
  >;
  // An error shows on submit, or on blur once more typing cannot cure it.
  const errorOf = (f: FieldName) => {
    const r = results[f];
    if (r.valid || !(submitted || (touched.has(f) && !r.incomplete))) return undefined;
    return r.errors[0] ? t.errors[r.errors[0]] : undefined;
  };
  const hintOf = (f: FieldName) => {
    const w = results[f].warnings[0];
    return results[f].valid && w && touched.has(f) ? t.errors[w] : undefined;
  };
  const complete = fields.every((f) => results[f].valid) && consent;
  useEffect(() => post({ type: 'change', complete }), [complete]);

  // Bank and card type from the first digits, once there are enough.
  const binPrefix = results.cardNumber?.value.slice(0, 8) ?? '';
  useEffect(() => {
    if (binPrefix.length < 8) return setBank(undefined);
    let live = true;
    void api.bin(binPrefix).then((r) => {
      if (live && r.status === 200)
        setBank({
          code: r.body.bankCode,
          name: r.body.bankName[init.locale] ?? r.body.bankName['zh-CN'] ?? '',
          type: r.body.cardType === 'CREDIT' ? 'CREDIT' : 'DEBIT',
        });
    });
    return () => {
      live = false;
    };
  }, [binPrefix]);

  // Back from the bank: the order id in the merchant page's URL, the state from the BFF.
  useEffect(() => {
    if (!init.resumeOrder) return;
    let live = true;
    setAnnouncement(t.waiting);
    const poll = async () => {
      const r = await api.order(init.resumeOrder as string);
      if (!live) return;
      if (r.status !== 200) return finish(undefined, r.body.error);
      if (r.body.status === 'SUCCESS' || r.body.status === 'FAIL') return finish(r.body);
      setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      live = false;
    };
  }, []);

  function finish(order: OrderAnswer | undefined, error?: { code: string; message: string }) {
    const ok = order?.status === 'SUCCESS';
    const text = ok ? t.bound : (order?.outcome?.message[init.locale] ?? t.bindFailed);
    setPhase(ok ? 'bound' : 'failed');
    setResult(order?.card && ok ? { text, card: order.card } : { text });
    setAnnouncement(text);
    if (ok) post({ type: 'success', result: { kind: 'bind', orderNo: order?.orderNo, card: order?.card } });
    else post({ type: 'error', error: error ?? { code: order?.outcome?.reason ?? 'BIND_FAILED', message: text } });
  }

  function firstInvalid(): boolean {
    setSubmitted(true);
    const bad = fields.find((f) => !results[f].valid);
    if (bad) {
      inputs.current?.querySelector<HTMLInputElement>(`#${bad}`)?.focus();
      return true;
    }
    if (!consent) {
      setAnnouncement(t.consentRequired);
      inputs.current?.querySelector<HTMLInputElement>('#consent')?.focus();
      return true;
    }
    return false;
  }

  async function verify() {
    if (phase === 'verifying' || firstInvalid()) return;
    setPhase('verifying');
    setAnnouncement(t.verifying);
    post({ type: 'event', name: 'verify_started' });
    const kind = fields.includes('phone') ? 4 : 3;
    const body = {
      kind,
      name: results.name.value,
      idNumber: results.idNumber.value,
      cardNumber: results.cardNumber.value,
      ...(kind === 4 ? { phone: results.phone.value } : {}),
      consent: true,
    };
    const r = await api.verify(body, crypto.randomUUID());
    if (r.status !== 200 || !r.body.outcome) {
      const text = r.body.error?.message ?? t.bindFailed;
      setPhase('form');
      setResult({ text });
      setAnnouncement(text);
      post({ type: 'error', error: r.body.error ?? { code: 'HTTP', message: text } });
      return;
    }
    const outcome: Outcome = r.body.outcome;
    // The BFF sends every outcome message in both languages.
    const text = outcome.message[init.locale] ?? outcome.reason;
    const ok = outcome.status === 'verified';
    setPhase(ok ? 'verified' : 'rejected');
    setResult({ text, card: r.body.card });
    setAnnouncement(text);
    post(
      ok
        ? { type: 'success', result: { kind: 'verification', ...r.body } }
        : { type: 'error', error: { code: outcome.reason, message: text } },
    );
  }

  async function bind() {
    if (phase === 'redirecting' || (phase !== 'verified' && firstInvalid())) return;
    setPhase('redirecting');
    setAnnouncement(t.redirecting);
    const choice = bindOnly ? bindChoice : { code: bank?.code ?? bindChoice.code, type: bank?.type ?? bindChoice.type };
    const r = await api.bind({
      bankCode: choice.code,
      bankCardType: choice.type,
      name: results.name.value,
      idNumber: results.idNumber.value,
      phone: results.phone.value,
      consent: true,
    });
    if (r.status === 201 && r.body.redirectUrl) {
      post({ type: 'navigate', url: r.body.redirectUrl });
      return;
    }
    finish(r.status === 200 ? r.body : undefined, r.body.error);
  }

  const busy = phase === 'verifying' || phase === 'redirecting' || phase === 'waiting';
  const finished = phase === 'bound' || phase === 'failed';
  return (
    <main lang={init.locale} class={`cardbind phase-${phase}`} aria-busy={busy ? 'true' : 'false'}>
      <p class="live" role="status" aria-live="polite">
        {announcement}
      </p>
      {phase === 'waiting' || finished ? (
        <section class={`result ${phase}`}>
          <p class="result-title">{phase === 'waiting' ? t.waiting : result?.text}</p>
          {result?.card ? <p class="result-card">{result.card}</p> : null}
        </section>
      ) : (
        <form
          ref={inputs}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void (bindOnly ? bind() : verify());
          }}
        >
          {fields.map((f) => (
            <Field
              key={f}
              id={f}
              label={t[f]}
              value={f === 'cardNumber' ? groupCard(values[f]) : values[f]}
              error={errorOf(f)}
              hint={hintOf(f)}
              inputMode={f === 'name' ? 'text' : f === 'phone' ? 'tel' : f === 'cardNumber' ? 'numeric' : 'text'}
              autoComplete={
                f === 'name' ? 'name' : f === 'phone' ? 'tel-national' : f === 'cardNumber' ? 'cc-number' : 'off'
              }
              maxLength={f === 'cardNumber' ? 23 : f === 'name' ? 40 : 20}
              onInput={(v) => setValues({ ...values, [f]: v })}
              onBlur={() => setTouched(new Set(touched).add(f))}
              extra={
                f === 'cardNumber' && bank ? (
                  <p class="bank" id="bank-name">
                    {bank.name} · {bank.type === 'CREDIT' ? t.credit : t.debit}
                  </p>
                ) : undefined
              }
            />
          ))}
          {bindOnly ? (
            <div class="field">
              <label for="bank">{t.bank}</label>
              <select
                id="bank"
                value={bindChoice.code}
                onChange={(e) => setBindChoice({ ...bindChoice, code: (e.currentTarget as HTMLSelectElement).value })}
              >
                {['ICBC', 'ABC', 'BOC', 'CCB', 'COMM', 'CMB', 'PSBC', 'CIB', 'SPDB', 'CITIC'].map((code) => (
                  <option key={code} value={code}>
                    {code}
                  </option>
                ))}
              </select>
              <fieldset>
                <legend>{t.cardType}</legend>
                {(['DEBIT', 'CREDIT'] as const).map((type) => (
                  <label key={type} class="choice">
                    <input
                      type="radio"
                      name="cardType"
                      value={type}
                      checked={bindChoice.type === type}
                      onChange={() => setBindChoice({ ...bindChoice, type })}
                    />
                    {type === 'DEBIT' ? t.debit : t.credit}
                  </label>
                ))}
              </fieldset>
            </div>
          ) : null}
          <div class="field consent">
            <label class="choice">
              <input
                id="consent"
                type="checkbox"
                checked={consent}
                aria-invalid={submitted && !consent ? 'true' : 'false'}
                aria-describedby={submitted && !consent ? 'consent-message' : undefined}
                onChange={(e) => setConsent((e.currentTarget as HTMLInputElement).checked)}
              />
              <span>
                {t.consent(
                  init.provider ?? (init.locale === 'en' ? 'the card verification service' : '银行卡验证服务商'),
                )}
              </span>
            </label>
            {submitted && !consent ? (
              <p id="consent-message" class="message error">
                {t.consentRequired}
              </p>
            ) : null}
          </div>
          {result && (phase === 'verified' || phase === 'rejected' || phase === 'form') ? (
            <p class={`outcome ${phase}`}>
              {result.text}
              {result.card ? ` · ${result.card}` : ''}
            </p>
          ) : null}
          {phase === 'verified' && init.mode === 'verify-then-bind' ? (
            <button type="button" onClick={() => void bind()}>
              {t.continueToBind}
            </button>
          ) : (
            <button type="submit" disabled={busy}>
              {phase === 'verifying'
                ? t.verifying
                : phase === 'redirecting'
                  ? t.redirecting
                  : bindOnly
                    ? t.bind
                    : t.verify}
            </button>
          )}
          {init.cancelable && !busy ? (
            <button type="button" class="secondary" onClick={() => post({ type: 'exit' })}>
              {t.cancel}
            </button>
          ) : null}
        </form>
      )}
    </main>
  );
}
