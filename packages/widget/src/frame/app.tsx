import { useLayoutEffect, useRef } from 'preact/hooks';
import { focusResult } from './focus.js';
import { useBinLookup, useOrderPolling } from './hooks.js';
import { FormPhase } from './phases/form.js';
import { ResultPhase } from './phases/result.js';
import { type FrameProps, finishOrder, newKey, useFrame } from './use-frame.js';

export type AppProps = FrameProps;

/**
 * The widget's form, in the iframe the BFF serves: the state machine (state.ts) and its side
 * effects (use-frame.ts, hooks.ts), shown by the component of its phase.
 */
export function App(props: AppProps) {
  const { init, api, post } = props;
  const frame = useFrame(props);
  const { state, view, t, dispatch } = frame;
  const { phase, result, announcement } = state;
  useBinLookup(api, view.binPrefix, init.locale, init.mode === 'bind', dispatch, frame.sideCallRefused);
  // Back from the bank: the order id in the merchant page's URL, the state from the BFF.
  useOrderPolling(api, init.resumeOrder, (order, error) => finishOrder({ init, post, t, dispatch }, order, error));

  // A result takes the focus, so keyboard and screen-reader users land on it: in the same
  // commit that shows it (a layout effect), never a frame later.
  const resultRef = useRef<HTMLElement>(null);
  const outcomeRef = useRef<HTMLParagraphElement>(null);
  useLayoutEffect(() => {
    if (phase === 'verified' || phase === 'rejected' || phase === 'bound' || phase === 'failed') {
      const target = resultRef.current ?? outcomeRef.current;
      if (target) focusResult(target, post);
    }
  }, [phase, result]);

  const busy = phase === 'verifying' || phase === 'redirecting' || phase === 'waiting';
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
      {phase === 'waiting' || phase === 'bound' || phase === 'failed' ? (
        <ResultPhase
          phase={phase}
          t={t}
          result={result}
          refreshable={init.refreshable === true}
          panelRef={resultRef}
          again={(keepCard) => dispatch({ type: 'again', keepCard, key: newKey() })}
          cancel={cancel}
        />
      ) : (
        <FormPhase init={init} api={api} frame={frame} outcomeRef={outcomeRef} cancel={cancel} />
      )}
    </main>
  );
}
