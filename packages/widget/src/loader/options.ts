import type { Appearance, Locale, Mode } from '../protocol.js';
import type { LoadFailureReason } from './load-failure.js';

/**
 * What `onSuccess` receives. Only a hint for your page: confirm on your server
 * (`GET /v1/verifications/:id`, `GET /v1/bind-cards/:orderNo`) before you act on it.
 */
export type SuccessResult =
  | {
      kind: 'verification';
      /** `ver_…`: read it back on your server. */
      id: string;
      /** The card, masked. */
      card: string;
      outcome: { status: 'verified'; reason: string; charged: boolean | 'unknown' };
      /** Answered from the result cache, without a provider call. */
      cached?: true;
    }
  | { kind: 'bind'; orderNo: string; card?: string };

/**
 * What `onError` receives: an API error code, the outcome's reason (`NAME_MISMATCH`, `CARD_LOST`…),
 * or `WIDGET_LOAD_FAILED` with its `reason`.
 */
export interface WidgetError {
  code: string;
  /** Already in the widget's language; safe to show. */
  message: string;
  /** For you, not the cardholder: the API's own message, or what to fix (English). */
  detail?: string;
  /**
   * `WIDGET_LOAD_FAILED`: `bff_unreachable`, `origin_refused`, `token_origin`, `token_unavailable` or
   * `token_rejected` (see docs/widget.md).
   */
  reason?: LoadFailureReason;
}

export interface MountOptions {
  /**
   * The widget token from your server (`POST /v1/sessions`). Or leave it out and pass `fetchToken`:
   * the form then starts loading at once, in the place it will take, while your server makes the
   * token (it is ready sooner, and the page does not move when it arrives).
   */
  token?: string;
  /** The BFF's base URL, e.g. `https://bff.example.com` or `https://shop.example/cardbind`. */
  bffUrl: string;
  mode?: Mode;
  /** For `verify`: 2 (name and card), 3 (+ resident ID, the default) or 4 (+ mobile number). */
  elements?: 2 | 3 | 4;
  locale?: Locale;
  appearance?: Appearance;
  /** Who receives the cardholder's data, named in the consent text. */
  provider?: string;
  /** Your business's name, named in the consent text. */
  merchantName?: string;
  /**
   * Returns a fresh widget token from your server (another `POST /v1/sessions`); the first one too
   * when `token` is not given.
   * A token serves one bind order and a few verification attempts: with this
   * set, a declined bind or a spent session offers "try again" instead of a
   * dead end (as Stripe's `fetchClientSecret` and Plaid's token refresh do).
   */
  fetchToken?: () => Promise<string>;
  /**
   * Milliseconds the form may take to say it is ready before `onError` gets `WIDGET_LOAD_FAILED`
   * (default 10,000). The form is not taken away: a slow network may still bring it.
   */
  loadTimeout?: number;
  /** Resume a bind from `?cardbind_order=` in this page's URL (default true). */
  resume?: boolean;
  /**
   * `'iframe'` (default): the form lives in a frame served by the BFF, so
   * scripts on this page cannot read card or ID data.
   *
   * `'inline'`: the form is rendered into a shadow root on `element`. Styles
   * are isolated, data is NOT: every script on this page (analytics, tag
   * managers, extensions) can read what the cardholder types, and the page's
   * CSP must allow the BFF in `script-src` and `connect-src`. Choose it only
   * if you accept carrying that data on your page.
   */
  isolation?: 'iframe' | 'inline';
  /** The form is on screen and takes input. */
  onReady?: () => void;
  onChange?: (state: { complete: boolean }) => void;
  onSuccess?: (result: SuccessResult) => void;
  onError?: (error: WidgetError) => void;
  /** The cardholder chose Cancel (the button is shown only when this is set). */
  onExit?: () => void;
  onEvent?: (name: string, data?: unknown) => void;
}

export interface Mounted {
  /** The iframe that holds the form (iframe mode): the merchant page cannot read its fields. */
  frame?: HTMLIFrameElement;
  unmount(): void;
}
