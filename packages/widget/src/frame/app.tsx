import {
  documentOf,
  type ValidationResult,
  validateBankCard,
  validateMobile,
  validateName,
  validateResidentId,
} from '@cardbind/core/validation';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { InitMessage } from '../protocol.js';
import type { Api, OrderAnswer, Outcome } from './api.js';
import { type BankChoice, BankPicker } from './bank-picker.js';
import { Field } from './field.js';
import { type ConsentField, STRINGS } from './i18n.js';
import { caretAfterEdit, displayInput, type InputField, normalizeInput } from './input.js';

type FieldName = InputField;
type Phase = 'form' | 'verifying' | 'verified' | 'rejected' | 'redirecting' | 'waiting' | 'bound' | 'failed';

export interface AppProps {
  init: InitMessage;
  api: Api;
  post: (message: Record<string, unknown>) => void;
  /** A fresh token from the merchant (its fetchToken), or null when it cannot give one. */
  freshToken?: () => Promise<string | null>;
}

/** The fields each mode collects, in order; the consent names exactly these, and the requests send only them. */
function fieldsOf(init: InitMessage): { fields: FieldName[]; sent: ConsentField[] } {
  if (init.mode === 'bind') {
    // The card number is optional here and never sent: it only finds the bank from its first digits.
    return { fields: ['cardNumber', 'name', 'idNumber', 'phone'], sent: ['name', 'idNumber', 'phone', 'bank'] };
  }
  const fields: FieldName[] =
    init.elements === 4 || init.mode === 'verify-then-bind'
      ? ['name', 'idNumber', 'cardNumber', 'phone']
      : init.elements === 2
        ? ['name', 'cardNumber']
        : ['name', 'idNumber', 'cardNumber'];
  return { fields, sent: init.mode === 'verify-then-bind' ? [...fields, 'bank'] : fields };
}

const newKey = () => crypto.randomUUID();

export function App({ init, api, post, freshToken }: AppProps) {
  const t = STRINGS[init.locale];
  const bindOnly = init.mode === 'bind';
  const { fields, sent } = fieldsOf(init);
  const [values, setValues] = useState<Record<FieldName, string>>({
    name: '',
    idNumber: '',
    cardNumber: '',
    phone: '',
  });
  const [caret, setCaret] = useState<{ field: FieldName; at: number } | undefined>();
  const [touched, setTouched] = useState<Set<FieldName>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [consent, setConsent] = useState(false);
  const [bank, setBank] = useState<{ code: string; name: string; type: 'DEBIT' | 'CREDIT' } | undefined>();
  const [choice, setChoice] = useState<BankChoice>({ code: undefined, type: undefined });
  const [phase, setPhase] = useState<Phase>(init.resumeOrder ? 'waiting' : 'form');
  const [result, setResult] = useState<{ text: string; card?: string } | undefined>();
  const [announcement, setAnnouncement] = useState('');
  // One attempt, one key: pressing again with the same values replays the answer instead of a second charge.
  const [attemptKey, setAttemptKey] = useState(newKey);
  // A token serves one bind order: the next one needs a fresh token.
  const tokenSpent = useRef(false);
  const form = useRef<HTMLFormElement>(null);
  // Where the focus goes when a result arrives: the result panel, or the outcome line in the form.
  const resultRef = useRef<HTMLElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);

  const id = validateResidentId(values.idNumber);
  const results: Record<FieldName, ValidationResult<unknown>> = {
    name: validateName(values.name, { document: documentOf(id, values.idNumber) }),
    idNumber: id,
    cardNumber: validateBankCard(values.cardNumber),
    phone: validateMobile(values.phone),
  };
  const optional = (f: FieldName) => bindOnly && f === 'cardNumber' && values.cardNumber === '';
  const invalid = (f: FieldName) => !optional(f) && !results[f].valid;
  // An error shows on submit, or once the person has left a field they typed in.
  const errorOf = (f: FieldName) => {
    const r = results[f];
    if (!invalid(f) || !(submitted || (touched.has(f) && values[f] !== ''))) return undefined;
    return r.errors[0] ? t.errors[r.errors[0]] : undefined;
  };
  const hintOf = (f: FieldName) => {
    const w = results[f].warnings[0];
    return results[f].valid && w && touched.has(f) ? t.errors[w] : undefined;
  };
  const choiceMissing = bindOnly && (!choice.code || !choice.type);
  const complete = fields.every((f) => !invalid(f)) && !choiceMissing && consent;
  useEffect(() => post({ type: 'change', complete }), [complete]);

  // Bank and card type from the first digits, once there are enough.
  const binPrefix = results.cardNumber.value.slice(0, 8);
  const binReady = binPrefix.length === 8 && /^\d+$/.test(binPrefix);
  useEffect(() => {
    if (!binReady) return setBank(undefined);
    let live = true;
    void api.bin(binPrefix).then((r) => {
      if (!live || r.status !== 200) return;
      const found = {
        code: r.body.bankCode,
        name: r.body.bankName[init.locale] ?? r.body.bankName['zh-CN'] ?? '',
        type: r.body.cardType === 'CREDIT' ? ('CREDIT' as const) : ('DEBIT' as const),
      };
      setBank(found);
      // Bind: the card's bank and type fill the choice (the person can still change them).
      if (bindOnly) setChoice({ code: found.code, type: found.type });
    });
    return () => {
      live = false;
    };
  }, [binPrefix, binReady]);

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

  // A result takes the focus, so keyboard and screen-reader users land on it: in the same
  // commit that shows it (a layout effect), never a frame later.
  useLayoutEffect(() => {
    if (phase === 'verified' || phase === 'rejected' || phase === 'bound' || phase === 'failed') {
      (resultRef.current ?? outcomeRef.current)?.focus();
    }
  }, [phase, result]);

  function edit(f: FieldName, raw: string, at: number) {
    setValues({ ...values, [f]: normalizeInput(f, raw) });
    setCaret({ field: f, at: caretAfterEdit(f, raw, at) });
    // New values, new attempt.
    setAttemptKey(newKey());
  }

  function finish(order: OrderAnswer | undefined, error?: { code: string; message: string }) {
    const ok = order?.status === 'SUCCESS';
    const text = ok ? t.bound : (order?.outcome?.message[init.locale] ?? error?.message ?? t.bindFailed);
    setPhase(ok ? 'bound' : 'failed');
    setResult(order?.card && ok ? { text, card: order.card } : { text });
    setAnnouncement(text);
    if (ok) post({ type: 'success', result: { kind: 'bind', orderNo: order?.orderNo, card: order?.card } });
    else post({ type: 'error', error: error ?? { code: order?.outcome?.reason ?? 'BIND_FAILED', message: text } });
  }

  function firstInvalid(): boolean {
    setSubmitted(true);
    const bad = fields.find(invalid);
    const focus = (selector: string) => form.current?.querySelector<HTMLElement>(selector)?.focus();
    if (bad) {
      focus(`#${bad}`);
      return true;
    }
    if (choiceMissing) {
      focus(choice.code ? 'input[name=cardType]' : '#bank');
      return true;
    }
    if (!consent) {
      setAnnouncement(t.consentRequired);
      focus('#consent');
      return true;
    }
    return false;
  }

  /** A new token for a new attempt; false (with a message) when the merchant cannot give one. */
  async function renewToken(): Promise<boolean> {
    const token = init.refreshable && freshToken ? await freshToken() : null;
    if (token) {
      api.useToken(token);
      tokenSpent.current = false;
      return true;
    }
    setResult({ text: t.reloadToRetry });
    setAnnouncement(t.reloadToRetry);
    return false;
  }

  async function verify() {
    if (phase !== 'form' && phase !== 'rejected') return;
    if (firstInvalid()) return;
    setPhase('verifying');
    setAnnouncement(t.verifying);
    post({ type: 'event', name: 'verify_started' });
    const kind = fields.includes('phone') ? 4 : fields.includes('idNumber') ? 3 : 2;
    // Exactly the consented fields.
    const body: Record<string, unknown> = { kind, consent: true };
    for (const f of fields) body[f] = results[f].value;
    let r = await api.verify(body, attemptKey);
    // A spent or expired session: one retry with a fresh token, same attempt.
    const code = r.body.error?.code;
    if ((code === 'SESSION_ATTEMPTS_EXCEEDED' || code === 'TOKEN_EXPIRED') && (await renewToken())) {
      r = await api.verify(body, attemptKey);
    }
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
    if (tokenSpent.current && !(await renewToken())) return;
    setPhase('redirecting');
    setAnnouncement(t.redirecting);
    const chosen = bindOnly ? choice : { code: bank?.code, type: bank?.type };
    tokenSpent.current = true;
    const body = {
      bankCode: chosen.code,
      bankCardType: chosen.type,
      name: results.name.value,
      idNumber: results.idNumber.value,
      phone: results.phone.value,
      consent: true,
    };
    let r = await api.bind(body);
    // The page's token already made an order, expired, or its order's bank page was lost when the
    // server stopped: one retry with a fresh token (a new order).
    const code = r.body.error?.code;
    const renew = code === 'TOKEN_USED' || code === 'TOKEN_EXPIRED' || code === 'BIND_PAGE_LOST';
    if (renew && init.refreshable && (await renewToken())) {
      tokenSpent.current = true;
      r = await api.bind(body);
    }
    if (r.status === 201 && r.body.redirectUrl) {
      post({ type: 'navigate', url: r.body.redirectUrl });
      return;
    }
    finish(r.status === 200 ? r.body : undefined, r.body.error);
  }

  /** Back to the form for another attempt: `keepCard` false clears the card, its bank and type. */
  function again(keepCard: boolean) {
    setPhase('form');
    setResult(undefined);
    setSubmitted(false);
    setAttemptKey(newKey());
    if (!keepCard) {
      setValues({ ...values, cardNumber: '' });
      setChoice({ code: undefined, type: undefined });
      setBank(undefined);
    }
  }

  const busy = phase === 'verifying' || phase === 'redirecting' || phase === 'waiting';
  const finished = phase === 'bound' || phase === 'failed';
  const verified = phase === 'verified';
  const canRetry = phase === 'failed' && init.refreshable;
  const cancel = init.cancelable && !busy && phase !== 'bound' && (
    <button type="button" class="secondary" onClick={() => post({ type: 'exit' })}>
      {t.cancel}
    </button>
  );
  return (
    <main lang={init.locale} class={`cardbind phase-${phase}`} aria-busy={busy ? 'true' : 'false'}>
      <p class="live" role="status" aria-live="polite">
        {announcement}
      </p>
      {phase === 'waiting' || finished ? (
        <section class={`result ${phase}`} ref={resultRef} tabIndex={-1}>
          <p class="result-title">{phase === 'waiting' ? t.waiting : result?.text}</p>
          {result?.card ? <p class="result-card">{result.card}</p> : null}
          {canRetry ? (
            <div class="actions">
              <button type="button" onClick={() => again(true)}>
                {t.retry}
              </button>
              <button type="button" class="secondary" onClick={() => again(false)}>
                {t.otherCard}
              </button>
            </div>
          ) : null}
          {phase === 'failed' && !init.refreshable ? <p class="message">{t.reloadToRetry}</p> : null}
          {phase === 'failed' ? cancel : null}
        </section>
      ) : (
        <form
          ref={form}
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (verified) return;
            void (bindOnly ? bind() : verify());
          }}
        >
          {fields.map((f) => (
            <Field
              key={f}
              id={f}
              label={bindOnly && f === 'cardNumber' ? t.cardOptional : t[f]}
              value={displayInput(f, values[f])}
              caret={caret?.field === f ? caret.at : undefined}
              error={errorOf(f)}
              hint={hintOf(f)}
              inputMode={f === 'phone' ? 'tel' : f === 'cardNumber' ? 'numeric' : 'text'}
              autoComplete={
                f === 'name' ? 'name' : f === 'phone' ? 'tel-national' : f === 'cardNumber' ? 'cc-number' : 'off'
              }
              readOnly={verified || busy}
              onInput={(raw, at) => edit(f, raw, at)}
              onBlur={() => setTouched(new Set(touched).add(f))}
              extra={
                !bindOnly && f === 'cardNumber' && bank ? (
                  <p class="bank" id="bank-name">
                    {bank.name} · {bank.type === 'CREDIT' ? t.credit : t.debit}
                  </p>
                ) : undefined
              }
            />
          ))}
          {bindOnly ? (
            <BankPicker
              api={api}
              locale={init.locale}
              t={t}
              choice={choice}
              showErrors={submitted}
              onChoice={(c) => {
                setChoice(c);
                setAttemptKey(newKey());
              }}
            />
          ) : null}
          <div class="field consent">
            <label class="choice">
              <input
                id="consent"
                type="checkbox"
                checked={consent}
                disabled={verified}
                aria-invalid={submitted && !consent ? 'true' : 'false'}
                aria-describedby={submitted && !consent ? 'consent-message' : undefined}
                onChange={(e) => setConsent((e.currentTarget as HTMLInputElement).checked)}
              />
              <span id="consent-text">
                {t.consent({
                  fields: sent,
                  purposes: init.mode === 'verify-then-bind' ? ['verify', 'bind'] : bindOnly ? ['bind'] : ['verify'],
                  provider: init.provider,
                  merchant: init.merchantName,
                })}
              </span>
            </label>
            {submitted && !consent ? (
              <p id="consent-message" class="message error">
                {t.consentRequired}
              </p>
            ) : null}
          </div>
          {result && (phase === 'verified' || phase === 'rejected' || phase === 'form') ? (
            <p class={`outcome ${phase}`} ref={outcomeRef} tabIndex={-1}>
              {result.text}
              {result.card ? ` · ${result.card}` : ''}
            </p>
          ) : null}
          {verified ? (
            <div class="actions">
              {init.mode === 'verify-then-bind' ? (
                <button type="button" onClick={() => void bind()}>
                  {t.continueToBind}
                </button>
              ) : null}
              {/* Verified is final for this attempt: another verification is a new, explicit attempt. */}
              <button type="button" class="secondary" onClick={() => again(false)}>
                {t.newAttempt}
              </button>
            </div>
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
          {cancel}
        </form>
      )}
    </main>
  );
}
