/**
 * The postMessage protocol between the loader (merchant page) and the frame
 * (served by the BFF). Every message carries `p`, so unrelated messages on
 * either window are ignored; each side also checks the other's origin.
 */
export const PROTOCOL = 'cardbind/1';

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

export interface InitMessage {
  p: typeof PROTOCOL;
  type: 'init';
  /**
   * The widget token; absent when the merchant gave `fetchToken` alone: the loader then sends it in a
   * `token` message once it has it, and the form shows meanwhile.
   */
  token?: string;
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

export type FrameMessage =
  | { p: typeof PROTOCOL; type: 'ready' }
  /** The form is on screen and takes input (the loader's `onReady`). */
  | { p: typeof PROTOCOL; type: 'rendered' }
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

/** The loader's answer to `token-request`: a fresh token, or null when there is none. */
export interface TokenMessage {
  p: typeof PROTOCOL;
  type: 'token';
  token: string | null;
}

export const isProtocolMessage = (data: unknown): data is { p: string; type: string } =>
  typeof data === 'object' && data !== null && (data as { p?: unknown }).p === PROTOCOL;
