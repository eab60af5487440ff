import {
  type Appearance,
  type FormInit,
  type FrameMessage,
  frameFragment,
  isProtocolMessage,
  type Locale,
  type Mode,
  PROTOCOL,
  prerenderedForm,
  type TokenMessage,
} from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { FRAME_TITLES } from './frame-titles.js';
import {
  answers,
  type LoaderReason,
  type LoadFailureReason,
  loadFailure,
  rejectedTokenDetail,
} from './load-failure.js';
import { isBankRedirect } from './navigation.js';
import type { Mounted, MountOptions, SuccessResult, WidgetError } from './options.js';
import { reservedHeight } from './reserved-height.js';

export type { Appearance, LoadFailureReason, Locale, Mode, Mounted, MountOptions, SuccessResult, WidgetError };

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
  if (!options.token && !options.fetchToken) throw new TypeError('cardbind: mount() needs token or fetchToken');
  const init: FormInit = {
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

  const failed = (reason: LoaderReason, tokenFor?: string) =>
    options.onError?.(loadFailure(reason, init.locale, base.href, tokenFor));
  // A token for another origin: the frame would ignore this page, and the BFF refuse its calls.
  const wrongOrigin = (token: string) => {
    const tokenFor = tokenOrigin(token);
    return tokenFor !== undefined && tokenFor !== location.origin ? tokenFor : undefined;
  };
  const givenFor = options.token && wrongOrigin(options.token);
  if (givenFor) {
    // Nothing is loaded: said once, at once (a listener set after mount() still hears it).
    const timer = setTimeout(() => failed('token_origin', givenFor));
    return { unmount: () => clearTimeout(timer) };
  }
  let loadTimer: ReturnType<typeof setTimeout> | undefined;
  let stop = () => {};
  // The first token, checked once it is here; null when there is none. Inline mode asks at mount
  // (its form loads meanwhile), iframe mode once its frame says it is rendered.
  let token!: Promise<string | null>;
  const askToken = () => {
    token = (options.token ? Promise.resolve(options.token) : freshToken()).then((value) => {
      const tokenFor = value && wrongOrigin(value);
      if (value && !tokenFor) return value;
      stop();
      failed(tokenFor ? 'token_origin' : 'token_unavailable', tokenFor || undefined);
      return null;
    });
  };

  const handle = (message: FrameMessage, frame?: HTMLIFrameElement) => {
    const send = (reply: TokenMessage) => frame?.contentWindow?.postMessage(reply, bffOrigin);
    switch (message.type) {
      case 'rendered':
        clearTimeout(loadTimer);
        options.onReady?.();
        // The form is on screen; its token follows (at once, or once fetchToken has made it). Asked
        // for now, not at mount: starting a fetch() costs this page's thread some milliseconds, and
        // a frame from the same site loads on that thread (the cardholder types for seconds first).
        askToken();
        void token.then((value) => value && send({ p: PROTOCOL, type: 'token', token: value }));
        break;
      case 'script-failed':
        // Its written-out form is there, but nothing works in it: as a frame that never started.
        stop();
        failed('script_failed');
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
        if (message.error.reason) {
          const error = { ...message.error, detail: rejectedTokenDetail(message.error.detail) };
          console.error(`cardbind: ${error.code} (${error.reason}): ${error.detail}`);
          options.onError?.(error);
          break;
        }
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
        void freshToken().then((fresh) => send({ p: PROTOCOL, type: 'token', token: fresh }));
        break;
    }
  };

  if (options.isolation === 'inline') {
    let unmount: (() => void) | undefined;
    let unmounted = false;
    // The form's place, held until it is there (as the iframe's height is in iframe mode).
    const host = element as HTMLElement;
    host.style.minHeight = `${reservedHeight(init, host.clientWidth)}px`;
    stop = () => host.style.removeProperty('min-height');
    askToken();
    // From the BFF, so the form's code always matches the BFF's API; in the one language shown.
    const script = new URL(`widget/inline.js?locale=${init.locale}`, base);
    // `import(new URL(` is where the build puts back the comments that keep bundlers off it.
    import(/* @vite-ignore */ /* webpackIgnore: true */ new URL(script).href).then(
      async (module: InlineModule) => {
        const value = await token;
        if (unmounted || value === null) return;
        unmount = module.renderInline(element, init, value, base, (message) => handle(message), freshToken);
        stop();
        options.onReady?.();
      },
      // Not loaded, or loaded and failed to run (a CSP refusal, an error): the BFF's answer tells which.
      () => {
        stop();
        void answers(script.href).then((answered) => failed(answered ? 'script_failed' : 'bff_unreachable'));
      },
    );
    return {
      unmount() {
        unmounted = true;
        stop();
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
  // The BFF's page then holds this form written out: it is on screen as the page is parsed.
  const form = prerenderedForm(init);
  if (form) src.searchParams.set('form', form);
  src.hash = frameFragment(init);
  frame.src = src.href;
  frame.title = FRAME_TITLES[init.mode][init.locale];
  // CSSOM, not a style attribute: allowed under a strict style-src.
  frame.style.border = '0';
  frame.style.width = '100%';
  frame.style.display = 'block';
  const onMessage = (event: MessageEvent) => {
    if (event.source !== frame.contentWindow || event.origin !== bffOrigin || !isProtocolMessage(event.data)) return;
    handle(event.data as FrameMessage, frame);
  };
  addEventListener('message', onMessage);
  // The frame's request leaves now; what follows (the width, a layout of this page) runs meanwhile.
  element.replaceChildren(frame);
  // The form's height, held until the frame reports its own (before the next paint: no shift).
  frame.style.height = `${reservedHeight(init, element.clientWidth)}px`;
  // Nothing from the frame: a wrong bffUrl or a refused origin leaves it blank, and says so nowhere
  // the page can hear but here.
  loadTimer = setTimeout(
    () => void answers(src.href).then((answered) => failed(answered ? 'origin_refused' : 'bff_unreachable')),
    options.loadTimeout ?? 10_000,
  );
  stop = () => {
    clearTimeout(loadTimer);
    removeEventListener('message', onMessage);
    frame.remove();
  };
  return { frame, unmount: () => stop() };
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
        if (!bffUrl || !(token || this.fetchToken)) return;
        // A custom element is inline unless styled: a block, so the form has the width it holds.
        if (getComputedStyle(this).display === 'inline') this.style.display = 'block';
        const attribute = this.getAttribute('elements');
        const elements = attribute === '4' ? 4 : attribute === '2' ? 2 : 3;
        this.#mounted = mount(this, {
          ...(token ? { token } : {}),
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
