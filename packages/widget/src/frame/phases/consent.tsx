import type { FormInit } from '../../protocol.js';
import { consentText } from '../consent-text.js';
import type { ConsentField, Strings } from '../i18n.js';

export interface ConsentProps {
  init: FormInit;
  t: Strings;
  /** The fields the requests send: the text names exactly these. */
  sent: ConsentField[];
  checked: boolean;
  disabled: boolean;
  /** The person pressed the button without consenting. */
  missing: boolean;
  /** The companies the BFF may send the data to (its routing), once it has said. */
  recipients: readonly string[] | undefined;
  onChange: (checked: boolean) => void;
}

/** The consent box, its text built from exactly the fields sent, the purposes, who receives them. */
export function Consent({ init, t, sent, checked, disabled, missing, recipients, onChange }: ConsentProps) {
  const bindOnly = init.mode === 'bind';
  return (
    <div class="field consent">
      <label class="choice">
        <input
          id="consent"
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={missing ? 'true' : 'false'}
          aria-describedby={missing ? 'consent-message' : undefined}
          onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
        />
        <span id="consent-text">
          {consentText(t, {
            fields: sent,
            purposes: init.mode === 'verify-then-bind' ? ['verify', 'bind'] : bindOnly ? ['bind'] : ['verify'],
            provider: recipients ?? init.provider,
            merchant: init.merchantName,
          })}
        </span>
      </label>
      {missing ? (
        <p id="consent-message" class="message error">
          {t.consentRequired}
        </p>
      ) : null}
    </div>
  );
}
