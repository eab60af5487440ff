import type { Locale } from '../protocol.js';

/**
 * Why the widget did not load, for the integrator: `bff_unreachable` (nothing answers at
 * `bffUrl`), `origin_refused` (the BFF answers, but the frame never said it was ready: its
 * `frame-ancestors` refused this page's origin), `script_failed` (the BFF answers, but the form's
 * script did not run: on this page in inline mode, in the frame in iframe mode), `token_origin` (the token was made for another
 * origin than this page's: the frame would ignore the page), `token_unavailable` (`fetchToken`
 * threw or gave nothing), `token_rejected` (the BFF refused the token: expired, forged).
 */
export type LoadFailureReason =
  | 'bff_unreachable'
  | 'origin_refused'
  | 'script_failed'
  | 'token_origin'
  | 'token_unavailable'
  | 'token_rejected';

export interface LoadFailure {
  code: 'WIDGET_LOAD_FAILED';
  reason: LoadFailureReason;
  /** For the cardholder, in the widget's language. */
  message: string;
  /** For the developer: what to fix (also logged to the console). */
  detail: string;
}

const MESSAGE: Record<Locale, string> = {
  'zh-CN': '银行卡验证暂时无法加载，请稍后再试',
  en: 'Card verification could not be loaded. Try again later',
};

/** The reasons the loader finds itself (the frame reports `token_rejected`). */
export type LoaderReason = Exclude<LoadFailureReason, 'token_rejected'>;

/** What the frame's `token_rejected` detail (the API's code and words) gains: the fix. */
export const rejectedTokenDetail = (refused: string | undefined) =>
  `the BFF refused the token (${refused}): give mount() a fresh token from POST /v1/sessions for each page, or pass fetchToken.`;

const FIX: Record<LoaderReason, (bff: string, page: string, tokenFor?: string) => string> = {
  bff_unreachable: (bff) =>
    `nothing answers at ${bff}: check bffUrl and that the BFF runs (or this page's CSP connect-src keeps the check from reaching it).`,
  origin_refused: (bff, page) =>
    `${bff} answers but its frame never started on ${page}: list ${page} in the merchant's allowedOrigins, or, if it is listed, use a loader of the BFF's version (see the frame's console error).`,
  script_failed: (bff) =>
    `${bff} answers but the form's script did not run: see the console for its error (inline mode: allow the BFF in script-src and connect-src).`,
  token_unavailable: () =>
    'fetchToken threw or returned no token: check the route on your server that creates sessions.',
  token_origin: (_, page, tokenFor) =>
    `the token is for ${tokenFor}, this page is ${page}: create the session with origin ${page}.`,
};

/** The failure, logged once to the console with its fix. */
export function loadFailure(reason: LoaderReason, locale: Locale, bff: string, tokenFor?: string): LoadFailure {
  const detail = FIX[reason](bff, location.origin, tokenFor);
  console.error(`cardbind: WIDGET_LOAD_FAILED (${reason}): ${detail}`);
  return { code: 'WIDGET_LOAD_FAILED', reason, message: MESSAGE[locale], detail };
}

/**
 * A frame that stayed silent, or a script that did not load: does anything answer at its URL? An opaque (`no-cors`) request
 * tells a refused connection from an answer, whatever the answer's CORS headers.
 */
export const answers = (src: string): Promise<boolean> =>
  fetch(src, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(
    () => true,
    () => false,
  );
