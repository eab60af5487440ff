import {
  type Appearance,
  type FrameMessage,
  type InitMessage,
  isProtocolMessage,
  type Locale,
  type Mode,
  PROTOCOL,
} from '../protocol.js';

export type { Appearance, Locale, Mode };

export interface MountOptions {
  /** The widget token from your server (`POST /v1/sessions`). */
  token: string;
  /** The BFF's base URL, e.g. `https://bff.example.com` or `https://shop.example/cardbind`. */
  bffUrl: string;
  mode?: Mode;
  elements?: 3 | 4;
  locale?: Locale;
  appearance?: Appearance;
  /** Named in the consent text. */
  provider?: string;
  /** Resume a bind from `?cardbind_order=` in this page's URL (default true). */
  resume?: boolean;
  onReady?: () => void;
  onChange?: (state: { complete: boolean }) => void;
  onSuccess?: (result: unknown) => void;
  onError?: (error: { code: string; message: string }) => void;
  onExit?: () => void;
  onEvent?: (name: string, data?: unknown) => void;
}

export interface Mounted {
  /** The iframe that holds the form: the merchant page cannot read its fields. */
  frame: HTMLIFrameElement;
  unmount(): void;
}

/**
 * Renders the widget into `element`, inside an iframe served by the BFF, so
 * scripts on this page cannot read card or ID data. Talks to it over
 * postMessage, checking origin and source both ways; sizes the frame to its
 * content; navigates this window to the bank page when the frame asks.
 */
export function mount(element: Element, options: MountOptions): Mounted {
  const base = new URL(options.bffUrl.replace(/\/?$/, '/'), location.href);
  const bffOrigin = base.origin;
  const frame = document.createElement('iframe');
  frame.src = new URL('widget/frame', base).href;
  frame.title = options.locale === 'en' ? 'Bank card verification' : '银行卡验证';
  // CSSOM, not a style attribute: allowed under a strict style-src.
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.height = '0';
  frame.style.display = 'block';
  const resumeOrder = options.resume === false ? null : new URLSearchParams(location.search).get('cardbind_order');

  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== bffOrigin || !isProtocolMessage(event.data)) return;
    const message = event.data as FrameMessage;
    switch (message.type) {
      case 'ready': {
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
        };
        frame.contentWindow?.postMessage(init, bffOrigin);
        options.onReady?.();
        break;
      }
      case 'resize':
        frame.style.height = `${Math.ceil(message.height)}px`;
        break;
      case 'change':
        options.onChange?.({ complete: message.complete });
        break;
      case 'event':
        options.onEvent?.(message.name, message.data);
        break;
      case 'success':
        options.onSuccess?.(message.result);
        break;
      case 'error':
        options.onError?.(message.error);
        break;
      case 'exit':
        options.onExit?.();
        break;
      case 'navigate':
        // Only to the BFF's one-time bank redirect.
        if (new URL(message.url).origin === bffOrigin && /\/r\/[\w-]+$/.test(message.url)) {
          location.assign(message.url);
        }
        break;
    }
  };
  addEventListener('message', onMessage);
  element.replaceChildren(frame);
  return {
    frame,
    unmount() {
      removeEventListener('message', onMessage);
      frame.remove();
    },
  };
}

const dispatch = (el: HTMLElement, name: string, detail?: unknown) =>
  el.dispatchEvent(new CustomEvent(`cardbind-${name}`, { detail, bubbles: true, composed: true }));

/**
 * `<cardbind-widget token="…" bff-url="…" mode="verify" locale="en">` for any
 * framework; results arrive as `cardbind-success`, `cardbind-error`… events.
 */
export function defineElement(name = 'cardbind-widget'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(
    name,
    class extends HTMLElement {
      #mounted: Mounted | undefined;
      connectedCallback() {
        const token = this.getAttribute('token');
        const bffUrl = this.getAttribute('bff-url');
        if (!token || !bffUrl) return;
        const elements = this.getAttribute('elements') === '4' ? 4 : 3;
        this.#mounted = mount(this, {
          token,
          bffUrl,
          mode: (this.getAttribute('mode') as Mode | null) ?? 'verify',
          elements,
          locale: this.getAttribute('locale') === 'en' ? 'en' : 'zh-CN',
          onReady: () => dispatch(this, 'ready'),
          onChange: (s) => dispatch(this, 'change', s),
          onSuccess: (r) => dispatch(this, 'success', r),
          onError: (e) => dispatch(this, 'error', e),
          onExit: () => dispatch(this, 'exit'),
          onEvent: (n, d) => dispatch(this, 'event', { name: n, data: d }),
        });
      }
      disconnectedCallback() {
        this.#mounted?.unmount();
      }
    },
  );
}
