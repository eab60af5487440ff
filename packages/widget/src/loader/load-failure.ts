import type { Locale } from '../protocol.js';

/**
 * Why the widget did not load, for the integrator: `bff_unreachable` (nothing answers at
 * `bffUrl`), `origin_refused` (the BFF answers, but the frame never said it was ready: its
 * `frame-ancestors` refused this page's origin, or its script failed), `token_origin` (the token
 * was made for another origin than this page's: the frame would ignore the page).
 */
export type LoadFailureReason = 'bff_unreachable' | 'origin_refused' | 'token_origin';

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

const FIX: Record<LoadFailureReason, (bff: string, page: string, tokenFor?: string) => string> = {
  bff_unreachable: (bff) => `nothing answers at ${bff}: check bffUrl and that the BFF runs.`,
  origin_refused: (bff, page) =>
    `${bff} answers but its frame never started on ${page}: list ${page} in the merchant's allowedOrigins (see the frame's console error).`,
  token_origin: (_, page, tokenFor) =>
    `the token is for ${tokenFor}, this page is ${page}: create the session with origin ${page}.`,
};

/** The failure, logged once to the console with its fix. */
export function loadFailure(reason: LoadFailureReason, locale: Locale, bff: string, tokenFor?: string): LoadFailure {
  const detail = FIX[reason](bff, location.origin, tokenFor);
  console.error(`cardbind: WIDGET_LOAD_FAILED (${reason}): ${detail}`);
  return { code: 'WIDGET_LOAD_FAILED', reason, message: MESSAGE[locale], detail };
}

/**
 * A frame that stayed silent: does anything answer at its URL? An opaque (`no-cors`) request
 * tells a refused connection from an answer, whatever the answer's CORS headers.
 */
export const silentFrameReason = (src: string): Promise<LoadFailureReason> =>
  fetch(src, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(
    () => 'origin_refused' as const,
    () => 'bff_unreachable' as const,
  );
