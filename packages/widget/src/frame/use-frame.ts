import { useEffect, useReducer, useRef } from 'preact/hooks';
import type { FormInit } from '../protocol.js';
import type { Api, BindOrder, Refusal } from './api.js';
import { type FormView, formView } from './form.js';
import type { Strings } from './i18n.js';
import { refusalText } from './refusals.js';
import { type FrameEvent, type FrameState, initialState, reduce, type Typed } from './state.js';
import { stringsFor } from './strings.js';

export interface FrameProps {
  init: FormInit;
  api: Api;
  post: (message: Record<string, unknown>) => void;
  /** A fresh token from the merchant (its fetchToken), or null when it cannot give one. */
  freshToken?: () => Promise<string | null>;
  /** What was typed into the server-rendered form before this script ran. */
  typed?: Typed;
}

export interface Frame {
  state: FrameState;
  view: FormView;
  t: Strings;
  dispatch: (event: FrameEvent) => void;
  /** Focuses what the person must fix (a selector inside the form). */
  formRef: { current: HTMLFormElement | null };
  verify(): Promise<void>;
  bind(): Promise<void>;
  /** A side call (the BIN lookup) was refused: a session that cannot go on is said at once. */
  sideCallRefused(error: Refusal): void;
}

export const newKey = () => crypto.randomUUID();

/**
 * The frame's behaviour: its state machine, and the requests, messages to the page and focus that
 * its events come from. The BIN lookup and the order polling are their own hooks (hooks.ts).
 */
export function useFrame({ init, api, post, freshToken, typed }: FrameProps): Frame {
  const t = stringsFor(init.locale);
  const [state, dispatch] = useReducer(reduce, undefined, () =>
    initialState(init.resumeOrder !== undefined, t.waiting, newKey(), typed),
  );
  const view = formView(init, state, t);
  const formRef = useRef<HTMLFormElement>(null);
  // The latest state, for the requests' continuations (the reducer is the only writer).
  const current = useRef(state);
  current.current = state;
  useEffect(() => post({ type: 'change', complete: view.complete }), [view.complete]);

  /** Says what is missing and focuses it; true when something is. */
  function missing(): boolean {
    if (view.firstMissing === undefined) return false;
    dispatch({ type: 'incomplete', ...(view.firstMissing === '#consent' ? { announcement: t.consentRequired } : {}) });
    formRef.current?.querySelector<HTMLElement>(view.firstMissing)?.focus();
    return true;
  }

  /** A new token for a new attempt; false (with a message) when the merchant cannot give one. */
  async function renewToken(): Promise<boolean> {
    const token = init.refreshable && freshToken ? await freshToken() : null;
    if (token) {
      api.useToken(token);
      dispatch({ type: 'tokenRenewed' });
      return true;
    }
    dispatch({ type: 'noToken', text: t.reloadToRetry });
    return false;
  }

  async function verify() {
    const { phase } = current.current;
    if ((phase !== 'form' && phase !== 'rejected') || missing()) return;
    dispatch({ type: 'verifying', announcement: t.verifying });
    post({ type: 'event', name: 'verify_started' });
    const kind = view.fields.includes('phone') ? 4 : view.fields.includes('idNumber') ? 3 : 2;
    // Exactly the consented fields.
    const body: Record<string, unknown> = { kind, consent: true };
    for (const f of view.fields) body[f] = view.results[f].value;
    const key = current.current.attemptKey;
    let r = await api.verify(body, key);
    // A spent or expired session: one retry with a fresh token, same attempt.
    const code = r.ok ? undefined : r.body.error?.code;
    if ((code === 'SESSION_ATTEMPTS_EXCEEDED' || code === 'TOKEN_EXPIRED') && (await renewToken())) {
      r = await api.verify(body, key);
    }
    if (!r.ok) {
      const error = shownRefusal(t, r.body.error);
      dispatch({ type: 'refused', text: error.message });
      post({ type: 'error', error });
      return;
    }
    const { outcome } = r.body;
    // The BFF sends every outcome message in both languages.
    const text = outcome.message[init.locale] ?? outcome.reason;
    const ok = outcome.status === 'verified';
    dispatch({ type: 'verified', ok, result: { text, card: r.body.card } });
    post(
      ok
        ? { type: 'success', result: { kind: 'verification', ...r.body } }
        : { type: 'error', error: { code: outcome.reason, message: text } },
    );
  }

  async function bind() {
    const { phase, tokenSpent, choice, bank } = current.current;
    if (phase === 'redirecting' || (phase !== 'verified' && missing())) return;
    if (tokenSpent && !(await renewToken())) return;
    dispatch({ type: 'redirecting', announcement: t.redirecting });
    const chosen = init.mode === 'bind' ? choice : { code: bank?.code, type: bank?.type };
    const { results } = view;
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
    const code = r.ok ? undefined : r.body.error?.code;
    const renew = code === 'TOKEN_USED' || code === 'TOKEN_EXPIRED' || code === 'BIND_PAGE_LOST';
    if (renew && init.refreshable && (await renewToken())) {
      dispatch({ type: 'redirecting', announcement: t.redirecting });
      r = await api.bind(body);
    }
    if (!r.ok) return finishOrder({ init, post, t, dispatch }, undefined, r.body.error);
    if ('redirectUrl' in r.body) return post({ type: 'navigate', url: r.body.redirectUrl });
    finishOrder({ init, post, t, dispatch }, r.body);
  }

  // The token, checked as the form loads: a rejected one is said now, not at the first submit.
  useEffect(() => {
    void api.session().then((r) => {
      // Who the data may go to, as the BFF routes it: the consent names them all.
      if (r.ok && r.body.recipients)
        dispatch({ type: 'recipients', names: r.body.recipients.map((n) => n[init.locale]) });
      if (r.ok || refusalText(r.body.error.code) !== 'expired') return;
      const shown = shownRefusal(t, r.body.error);
      dispatch({ type: 'noToken', text: shown.message });
      // The loader writes the fix beside the API's own words.
      const detail = `${shown.code}: ${shown.detail}`;
      post({
        type: 'error',
        error: { code: 'WIDGET_LOAD_FAILED', reason: 'token_rejected', message: shown.message, detail },
      });
    });
  }, []);

  function sideCallRefused(error: Refusal) {
    if (refusalText(error.code) !== 'expired') return;
    const shown = shownRefusal(t, error);
    dispatch({ type: 'noToken', text: shown.message });
    post({ type: 'error', error: shown });
  }

  return { state, view, t, dispatch, formRef, verify, bind, sideCallRefused };
}

/** The order's end, however it is learnt (the create's answer, polling after the bank): shown, and told to the page. */
export function finishOrder(
  frame: Pick<FrameProps, 'init' | 'post'> & { t: Strings; dispatch: (event: FrameEvent) => void },
  order: BindOrder | undefined,
  error?: Refusal,
) {
  const { init, post, t, dispatch } = frame;
  const ok = order?.status === 'SUCCESS';
  const refused = error && shownRefusal(t, error);
  const text = ok ? t.bound : (order?.outcome?.message[init.locale] ?? refused?.message ?? t.bindFailed);
  dispatch({ type: 'bound', ok, result: order?.card && ok ? { text, card: order.card } : { text } });
  if (ok) post({ type: 'success', result: { kind: 'bind', orderNo: order?.orderNo, card: order?.card } });
  else post({ type: 'error', error: refused ?? { code: order?.outcome?.reason ?? 'BIND_FAILED', message: text } });
}

/**
 * A refusal as the page and the cardholder get it: the form's text in the widget's language, the
 * BFF's own message (English, for the developer) as `detail`, never on the form.
 */
export function shownRefusal(t: Strings, error: Refusal): { code: string; message: string; detail: string } {
  return { code: error.code, message: t.refusals[refusalText(error.code)], detail: error.message };
}
