import type { JSX } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  value: string;
  /** Shown as an error: the input is marked invalid and points at it. */
  error?: string | undefined;
  /** Shown as a non-blocking note ("please check"). */
  hint?: string | undefined;
  inputMode: 'text' | 'numeric' | 'tel';
  autoComplete: string;
  maxLength: number;
  onInput: (value: string) => void;
  onBlur: () => void;
  extra?: JSX.Element | undefined;
}

/** A labelled input whose message is tied to it with aria-describedby. */
export function Field(p: FieldProps) {
  const messageId = `${p.id}-message`;
  const message = p.error ?? p.hint;
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        name={p.id}
        type="text"
        value={p.value}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete}
        maxLength={p.maxLength}
        spellcheck={false}
        aria-invalid={p.error ? 'true' : 'false'}
        aria-describedby={message ? messageId : undefined}
        onInput={(e) => p.onInput((e.currentTarget as HTMLInputElement).value)}
        onBlur={p.onBlur}
      />
      {p.extra}
      {message ? (
        <p id={messageId} class={p.error ? 'message error' : 'message hint'}>
          {message}
        </p>
      ) : null}
    </div>
  );
}
