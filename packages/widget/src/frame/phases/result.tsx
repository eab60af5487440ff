import type { Ref } from 'preact';
import type { Strings } from '../i18n.js';
import type { Phase, Shown } from '../state.js';

export interface ResultPhaseProps {
  phase: Extract<Phase, 'waiting' | 'bound' | 'failed'>;
  t: Strings;
  result: Shown | undefined;
  /** A new attempt is possible (the page can give a fresh token). */
  refreshable: boolean;
  panelRef: Ref<HTMLElement>;
  again: (keepCard: boolean) => void;
  cancel: preact.JSX.Element | false | undefined;
}

/** Waiting for the bank's answer, or its end: bound, or failed with the next steps. */
export function ResultPhase({ phase, t, result, refreshable, panelRef, again, cancel }: ResultPhaseProps) {
  const canRetry = phase === 'failed' && refreshable;
  return (
    <section class={`result ${phase}`} ref={panelRef} tabIndex={-1}>
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
      {phase === 'failed' && !refreshable ? <p class="message">{t.reloadToRetry}</p> : null}
      {phase === 'failed' ? cancel : null}
    </section>
  );
}
