import {
  type Appearance,
  type FrameMessage,
  type InitMessage,
  isProtocolMessage,
  type Locale,
  type Mode,
  PROTOCOL,
  type TokenMessage,
} from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { FRAME_TITLES } from './frame-titles.js';
import { type LoadFailureReason, loadFailure, silentFrameReason } from './load-failure.js';
import { isBankRedirect } from './navigation.js';
import { reservedHeight } from './reserved-height.js';

export type { Appearance, LoadFailureReason, Locale, Mode };

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
  /** `WIDGET_LOAD_FAILED`: `bff_unreachable`, `origin_refused` or `token_origin` (see docs/widget.md). */
  reason?: LoadFailureReason;
}

export interface MountOptions {
  /** The widget token from your server (`POST /v1/sessions`). */
  token: string;
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
   * Returns a fresh widget token from your server (another `POST /v1/sessions`).
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

type InlineModule = typeof import('../inline/index.js');

/**
 * Renders the widget into `element`: by default inside an iframe served by
 * the BFF, talking to it over postMessage with origin and source checked both
 * ways and sizing the frame to its content; navigates this window to the
 * bank page when the form asks.
 */
export function mount(element: Element, options: MountOptions): Mounted {
  const base = new URL(options.bffUrl.replace(/\/?$/, '/'), location.href);
  const bffOrigin = base.origin;
  const resumeOrder = options.resume === false ? null : new URLSearchParams(location.search).get('cardbind_order');
  const init: InitMessage = {
    p: PROTOCOL,
    type: 'init',
    token: options.token,
    mode: options.mode ?? 'verify',
    elements: options.elements ?? 3,
    locale: options.locale ?? 'zh-CN',
    ...(options.appearance ? { appearance: options.appearance } : {}),
    ...(options.provider ? { provider: options.provider } : {}),
    ...(resumeOrder ? { resumeOrder } : {}),
    ...(options.onExit ? { cancelable: true } : {}),
    ...(options.merchantName ? { merchantName: options.merchantName } : {}),
    ...(options.fetchToken ? { refreshable: true } : {}),
  };
  const freshToken = async (): Promise<string | null> => {
    try {
      return (await options.fetchToken?.()) ?? null;
    } catch {
      return null;
    }
  };

  const failed = (reason: LoadFailureReason, tokenFor?: string) =>
    options.onError?.(loadFailure(reason, init.locale, base.href, tokenFor));
  // A token for another origin: the frame would ignore this page, and the BFF refuse its calls.
  const tokenFor = tokenOrigin(options.token);
  if (tokenFor !== undefined && tokenFor !== location.origin) {
    // Nothing is loaded: said once, at once (a listener set after mount() still hears it).
    const timer = setTimeout(() => failed('token_origin', tokenFor));
    return { unmount: () => clearTimeout(timer) };
  }
  let loadTimer: ReturnType<typeof setTimeout> | undefined;

  const handle = (message: FrameMessage, frame?: HTMLIFrameElement) => {
    switch (message.type) {
      case 'ready':
        clearTimeout(loadTimer);
        frame?.contentWindow?.postMessage(init, bffOrigin);
        options.onReady?.();
        break;
      case 'resize':
        if (frame) frame.style.height = `${Math.ceil(message.height)}px`;
        break;
      case 'change':
        options.onChange?.({ complete: message.complete });
        break;
      case 'event':
        options.onEvent?.(message.name, message.data);
        break;
      case 'success':
        options.onSuccess?.(message.result as SuccessResult);
        break;
      case 'error':
        // The API's own words are for the developer: the console, never the form.
        if (message.error.detail) console.warn(`cardbind: ${message.error.code}: ${message.error.detail}`);
        options.onError?.(message.error);
        break;
      case 'exit':
        options.onExit?.();
        break;
      case 'focus':
        // Unless the cardholder is already somewhere on this page.
        if (frame && (document.activeElement === document.body || document.activeElement === null)) frame.focus();
        break;
      case 'navigate':
        if (isBankRedirect(message.url, bffOrigin)) location.assign(message.url);
        break;
      case 'token-request':
        // Inline mode asks through renderInline's own callback instead.
        void freshToken().then((token) =>
          frame?.contentWindow?.postMessage({ p: PROTOCOL, type: 'token', token } satisfies TokenMessage, bffOrigin),
        );
        break;
    }
  };

  if (options.isolation === 'inline') {
    let unmount: (() => void) | undefined;
    let unmounted = false;
    // From the BFF, so the form's code always matches the BFF's API; in the one language shown.
    import(
      /* @vite-ignore */ /* webpackIgnore: true */ new URL(`widget/inline.js?locale=${init.locale}`, base).href
    ).then(
      (module: InlineModule) => {
        if (unmounted) return;
        unmount = module.renderInline(element, init, base, (message) => handle(message), freshToken);
        handle({ p: PROTOCOL, type: 'ready' });
      },
      () => failed('bff_unreachable'),
    );
    return {
      unmount() {
        unmounted = true;
        unmount?.();
      },
    };
  }

  const frame = document.createElement('iframe');
  const src = new URL('widget/frame', base);
  // The BFF lets only this origin frame the form (frame-ancestors), not every merchant's.
  src.searchParams.set('origin', location.origin);
  // Its strings come in this one language (the BFF writes them into the frame's script).
  src.searchParams.set('locale', init.locale);
  frame.src = src.href;
  frame.title = FRAME_TITLES[init.mode][init.locale];
  // CSSOM, not a style attribute: allowed under a strict style-src.
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.height = `${reservedHeight(init, element.clientWidth)}px`;
  frame.style.display = 'block';
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== bffOrigin || !isProtocolMessage(event.data)) return;
    handle(event.data as FrameMessage, frame);
  };
  addEventListener('message', onMessage);
  element.replaceChildren(frame);
  // Nothing from the frame: a wrong bffUrl or a refused origin leaves it blank, and says so nowhere
  // the page can hear but here.
  loadTimer = setTimeout(
    () => void silentFrameReason(src.href).then((reason) => failed(reason)),
    options.loadTimeout ?? 10_000,
  );
  return {
    frame,
    unmount() {
      clearTimeout(loadTimer);
      removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}

const dispatch = (el: HTMLElement, name: string, detail?: unknown) =>
  el.dispatchEvent(new CustomEvent(`cardbind-${name}`, { detail, bubbles: true, composed: true }));

/**
 * `<cardbind-widget token="…" bff-url="…" mode="verify" locale="en">` for any
 * framework (also `elements`, `provider`, `merchant-name`, `isolation`,
 * `cancelable`, `load-timeout`, and the `fetchToken` property); results arrive as
 * `cardbind-success`, `cardbind-error`… events.
 */
export function defineElement(name = 'cardbind-widget'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      #mounted: Mounted | undefined;
      /** Set before the element is connected: see MountOptions.fetchToken. */
      fetchToken: (() => Promise<string>) | undefined;
      connectedCallback() {
        const token = this.getAttribute('token');
        const bffUrl = this.getAttribute('bff-url');
        if (!token || !bffUrl) return;
        // A custom element is inline unless styled: a block, so the form has the width it holds.
        if (getComputedStyle(this).display === 'inline') this.style.display = 'block';
        const attribute = this.getAttribute('elements');
        const elements = attribute === '4' ? 4 : attribute === '2' ? 2 : 3;
        this.#mounted = mount(this, {
          token,
          bffUrl,
          mode: (this.getAttribute('mode') as Mode | null) ?? 'verify',
          elements,
          locale: this.getAttribute('locale') === 'en' ? 'en' : 'zh-CN',
          ...(this.getAttribute('isolation') === 'inline' ? { isolation: 'inline' as const } : {}),
          ...(this.getAttribute('provider') ? { provider: this.getAttribute('provider') as string } : {}),
          ...(this.getAttribute('merchant-name') ? { merchantName: this.getAttribute('merchant-name') as string } : {}),
          ...(this.fetchToken ? { fetchToken: this.fetchToken } : {}),
          ...(this.hasAttribute('load-timeout') ? { loadTimeout: Number(this.getAttribute('load-timeout')) } : {}),
          onReady: () => dispatch(this, 'ready'),
          onChange: (s) => dispatch(this, 'change', s),
          onSuccess: (r) => dispatch(this, 'success', r),
          onError: (e) => dispatch(this, 'error', e),
          ...(this.hasAttribute('cancelable') ? { onExit: () => dispatch(this, 'exit') } : {}),
          onEvent: (n, d) => dispatch(this, 'event', { name: n, data: d }),
        });
      }
      disconnectedCallback() {
        this.#mounted?.unmount();
      }
    },
  );
}
