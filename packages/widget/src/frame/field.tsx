import type { JSX } from 'preact';
import { useLayoutEffect, useRef } from 'preact/hooks';

export interface FieldProps {
  id: string;
  label: string;
  /** The value as shown (card digits grouped). */
  value: string;
  /** Where the caret goes after this render (set after an edit regrouped the value). */
  caret?: number | undefined;
  /** Shown as an error: the input is marked invalid and points at it. */
  error?: string | undefined;
  /** Shown as a non-blocking note ("please check"). */
  hint?: string | undefined;
  inputMode: 'text' | 'numeric' | 'tel';
  autoComplete: string;
  readOnly?: boolean;
  /** The raw value after an edit, and where the caret was in it. */
  onInput: (raw: string, caret: number) => void;
  onBlur: () => void;
  extra?: JSX.Element | undefined;
}

/**
 * A labelled input whose message is tied to it with aria-describedby. No
 * maxlength: a browser cuts a paste at it before anything can normalize it
 * (a card pasted with spaces lost its last digits); validation says "too
 * long" instead.
 */
export function Field(p: FieldProps) {
  const messageId = `${p.id}-message`;
  const message = p.error ?? p.hint;
  const input = useRef<HTMLInputElement>(null);
  useLayoutEffect(() => {
    const el = input.current;
    // The root node: in inline mode the input lives in a shadow root, whose activeElement is it.
    const focused = el && (el.getRootNode() as Document | ShadowRoot).activeElement === el;
    if (el && focused && p.caret !== undefined) el.setSelectionRange(p.caret, p.caret);
  }, [p.value, p.caret]);
  return (
    <div class="field">
      <label for={p.id}>{p.label}</label>
      <input
        ref={input}
        id={p.id}
        name={p.id}
        type="text"
        value={p.value}
        inputMode={p.inputMode}
        autoComplete={p.autoComplete}
        readOnly={p.readOnly}
        spellcheck={false}
        aria-invalid={p.error ? 'true' : 'false'}
        aria-describedby={message ? messageId : undefined}
        onInput={(e) => {
          const el = e.currentTarget as HTMLInputElement;
          p.onInput(el.value, el.selectionStart ?? el.value.length);
        }}
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
