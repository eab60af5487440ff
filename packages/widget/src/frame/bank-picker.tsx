import { useEffect, useState } from 'preact/hooks';
import type { Locale } from '../protocol.js';
import type { Api, BankList } from './api.js';
import type { Strings } from './i18n.js';

export interface BankChoice {
  code: string | undefined;
  type: 'DEBIT' | 'CREDIT' | undefined;
}

type Bank = BankList['banks'][number];

export interface BankPickerProps {
  api: Api;
  locale: Locale;
  t: Strings;
  choice: BankChoice;
  showErrors: boolean;
  onChoice: (choice: BankChoice) => void;
}

/**
 * The bank and card type of a bind: the bank typed or picked by its name in
 * the widget's language (a list the browser filters as one types, common
 * banks first, loaded on demand so the frame stays small), the card type
 * chosen. Nothing is chosen until the person or the card's BIN chooses.
 */
export function BankPicker({ api, locale, t, choice, showErrors, onChoice }: BankPickerProps) {
  const [banks, setBanks] = useState<Bank[]>([]);
  const [query, setQuery] = useState('');
  useEffect(() => {
    void api.banks().then((r) => r.ok && setBanks(r.body.banks));
  }, []);
  const nameOf = (bank: Bank) => bank.name[locale];
  // A choice made elsewhere (the BIN of the card number) shows its name here.
  useEffect(() => {
    const chosen = banks.find((b) => b.code === choice.code);
    if (chosen && nameOf(chosen) !== query) setQuery(nameOf(chosen));
  }, [choice.code, banks]);

  const bankError = showErrors && !choice.code ? t.chooseBank : undefined;
  const typeError = showErrors && !choice.type ? t.chooseCardType : undefined;
  return (
    <div class="field">
      <label for="bank">{t.bank}</label>
      <input
        id="bank"
        type="text"
        list="bank-list"
        autoComplete="off"
        value={query}
        aria-invalid={bankError ? 'true' : 'false'}
        aria-describedby={bankError ? 'bank-message' : undefined}
        onInput={(e) => {
          const typed = (e.currentTarget as HTMLInputElement).value;
          const wanted = typed.trim().toLowerCase();
          const match = banks.find(
            (b) => b.code.toLowerCase() === wanted || Object.values(b.name).some((n) => n.toLowerCase() === wanted),
          );
          setQuery(typed);
          onChoice({ ...choice, code: match?.code });
        }}
      />
      <datalist id="bank-list">
        {banks.map((b) => (
          <option key={b.code} value={nameOf(b)} />
        ))}
      </datalist>
      {bankError ? (
        <p id="bank-message" class="message error">
          {bankError}
        </p>
      ) : null}
      <fieldset aria-describedby={typeError ? 'card-type-message' : undefined}>
        <legend>{t.cardType}</legend>
        {(['DEBIT', 'CREDIT'] as const).map((type) => (
          <label key={type} class="choice">
            <input
              type="radio"
              name="cardType"
              value={type}
              checked={choice.type === type}
              onChange={() => onChoice({ ...choice, type })}
            />
            {type === 'DEBIT' ? t.debit : t.credit}
          </label>
        ))}
      </fieldset>
      {typeError ? (
        <p id="card-type-message" class="message error">
          {typeError}
        </p>
      ) : null}
    </div>
  );
}
