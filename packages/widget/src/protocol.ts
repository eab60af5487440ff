/**
 * The postMessage protocol between the loader (merchant page) and the frame
 * (served by the BFF). Every message carries `p`, so unrelated messages on
 * either window are ignored; each side also checks the other's origin.
 */
// 2: the frame's options in its URL's fragment, no init message (a loader of 1 cannot start it).
export const PROTOCOL = 'cardbind/2';

export type Mode = 'verify' | 'bind' | 'verify-then-bind';
export type Locale = 'zh-CN' | 'en';

/** Theme values, each written to a `--cardbind-*` custom property inside the frame. */
export interface Appearance {
  colorPrimary?: string;
  colorText?: string;
  colorBackground?: string;
  colorDanger?: string;
  colorBorder?: string;
  fontFamily?: string;
  fontSize?: string;
  borderRadius?: string;
  spacing?: string;
}

/** What the form shows and how: the merchant's mount() options, as the frame and inline mode take them. */
export interface FormInit {
  mode: Mode;
  /** Elements for verification: 2 (name and card), 3 (+ resident ID) or 4 (+ mobile number). */
  elements: 2 | 3 | 4;
  locale: Locale;
  appearance?: Appearance;
  /** The order the merchant page came back with (`?cardbind_order=`): resume it. */
  resumeOrder?: string;
  /** Who receives the data, named in the consent text. */
  provider?: string;
  /** The merchant's name, named in the consent text (the purpose of a bind is an account there). */
  merchantName?: string;
  /** The loader can fetch a fresh token (the merchant passed `fetchToken`): retries are offered. */
  refreshable?: boolean;
  /** Show a Cancel button that sends `exit` (the merchant passed `onExit`). */
  cancelable?: boolean;
}

/**
 * The frame's options travel in its URL's fragment (never sent to a server, so never in a log), not
 * in a message: the form renders as soon as its script runs, with no round trip to the page first.
 * The locale is in the query instead: the BFF writes that language's strings into the page.
 * No token here: a URL is kept in history; the token follows in a `token` message.
 */
export const frameFragment = ({ locale: _, ...options }: FormInit): string =>
  new URLSearchParams({ p: PROTOCOL, o: JSON.stringify(options) }).toString();

const MODES: readonly unknown[] = ['verify', 'bind', 'verify-then-bind'] satisfies Mode[];

/**
 * The forms the BFF holds written out (server-rendered at build time, one page per language and
 * form): the frame's query names one (`?form=`), so the form is in the page as it is parsed.
 */
export const PRERENDERED_FORMS = ['verify-2', 'verify-3', 'verify-4', 'bind', 'verify-then-bind'] as const;
export type PrerenderedForm = (typeof PRERENDERED_FORMS)[number];

/** The written-out form `init` starts with; none when it resumes an order (its first view is a result). */
export const prerenderedForm = (init: FormInit): PrerenderedForm | undefined =>
  init.resumeOrder ? undefined : init.mode === 'verify' ? `verify-${init.elements}` : init.mode;

/**
 * The fragment frameFragment() wrote, read back; undefined when it is not one (a loader of another
 * version). Only the page that frames the form can have written it (frame-ancestors admits no
 * other); what it sets is shown as text, or checked where it is used (appearanceCss).
 */
export function readFrameFragment(fragment: string, locale: Locale): FormInit | undefined {
  const fields = new URLSearchParams(fragment);
  try {
    const o = JSON.parse(fields.get('o') ?? '');
    if (fields.get('p') === PROTOCOL && MODES.includes(o.mode) && [2, 3, 4].includes(o.elements))
      return { ...o, locale };
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}

export type FrameMessage =
  /** The form is on screen and takes input (the loader's `onReady`); the loader answers with the token. */
  | { p: typeof PROTOCOL; type: 'rendered' }
  /** The page said `rendered` with its form written out, but the form's script never started (ping.ts). */
  | { p: typeof PROTOCOL; type: 'script-failed' }
  | { p: typeof PROTOCOL; type: 'resize'; height: number }
  | { p: typeof PROTOCOL; type: 'change'; complete: boolean }
  | { p: typeof PROTOCOL; type: 'event'; name: string; data?: unknown }
  | { p: typeof PROTOCOL; type: 'success'; result: unknown }
  | {
      p: typeof PROTOCOL;
      type: 'error';
      /** `reason`: with `WIDGET_LOAD_FAILED` (the frame's own: `token_rejected`). */
      error: { code: string; message: string; detail?: string; reason?: 'token_rejected' };
    }
  | { p: typeof PROTOCOL; type: 'exit' }
  | { p: typeof PROTOCOL; type: 'navigate'; url: string }
  /**
   * A result is shown and the engine ignored the frame's own focus() (WebKit does, in a cross-origin
   * frame without a user gesture: back from the bank): the loader focuses the iframe, so the
   * keyboard and screen reader are in the frame, whose first Tab stop is then the result.
   */
  | { p: typeof PROTOCOL; type: 'focus' }
  /** A new attempt needs a new token: the loader calls the merchant's `fetchToken`. */
  | { p: typeof PROTOCOL; type: 'token-request' };

/** The loader's token: the first, after `rendered`; a fresh one for `token-request`, or null when there is none. */
export interface TokenMessage {
  p: typeof PROTOCOL;
  type: 'token';
  token: string | null;
}

export const isProtocolMessage = (data: unknown): data is { p: string; type: string } =>
  typeof data === 'object' && data !== null && (data as { p?: unknown }).p === PROTOCOL;
