import type { JSX, Ref } from 'preact';
import type { FormInit } from '../../protocol.js';
import type { Api } from '../api.js';
import { BankPicker } from '../bank-picker.js';
import { Field } from '../field.js';
import { displayInput } from '../input.js';
import { type Frame, newKey } from '../use-frame.js';
import { Consent } from './consent.js';

export interface FormPhaseProps {
  init: FormInit;
  api: Api;
  frame: Frame;
  outcomeRef: Ref<HTMLParagraphElement>;
  cancel: JSX.Element | false | undefined;
}

/**
 * The form, in every phase that shows it: filling it in (`form`), waiting for the answer
 * (`verifying`, `redirecting`: nothing editable), and its outcome (`verified`: final for this
 * attempt; `rejected`: change something and try again).
 */
export function FormPhase({ init, api, frame, outcomeRef, cancel }: FormPhaseProps) {
  const { state, view, t, dispatch, formRef, verify, bind } = frame;
  const { phase, values, caret, bank, result } = state;
  const bindOnly = init.mode === 'bind';
  const verified = phase === 'verified';
  const busy = phase === 'verifying' || phase === 'redirecting';
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (verified) return;
        void (bindOnly ? bind() : verify());
      }}
    >
      {view.fields.map((f) => (
        <Field
          key={f}
          id={f}
          label={bindOnly && f === 'cardNumber' ? t.cardOptional : t[f]}
          value={displayInput(f, values[f])}
          caret={caret?.field === f ? caret.at : undefined}
          error={view.errorOf(f)}
          hint={view.hintOf(f)}
          inputMode={f === 'phone' ? 'tel' : f === 'cardNumber' ? 'numeric' : 'text'}
          autoComplete={
            f === 'name' ? 'name' : f === 'phone' ? 'tel-national' : f === 'cardNumber' ? 'cc-number' : 'off'
          }
          readOnly={verified || busy}
          onInput={(raw, at) => dispatch({ type: 'edited', field: f, raw, at, key: newKey() })}
          onBlur={() => dispatch({ type: 'left', field: f })}
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
          choice={state.choice}
          showErrors={state.submitted}
          onChoice={(choice) => dispatch({ type: 'chose', choice, key: newKey() })}
        />
      ) : null}
      <Consent
        init={init}
        t={t}
        sent={view.sent}
        checked={state.consent}
        disabled={verified}
        missing={state.submitted && !state.consent}
        recipients={state.recipients}
        onChange={(checked) => dispatch({ type: 'consented', checked })}
      />
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
          <button
            type="button"
            class="secondary"
            onClick={() => dispatch({ type: 'again', keepCard: false, key: newKey() })}
          >
            {t.newAttempt}
          </button>
        </div>
      ) : (
        <button type="submit" disabled={busy}>
          {phase === 'verifying' ? t.verifying : phase === 'redirecting' ? t.redirecting : bindOnly ? t.bind : t.verify}
        </button>
      )}
      {cancel}
    </form>
  );
}
