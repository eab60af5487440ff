import { render } from 'preact';
import { type InitMessage, isProtocolMessage, PROTOCOL, type TokenMessage } from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { Api } from './api.js';
import { App } from './app.js';
import { adoptCss, appearanceCss } from './theme.js';

/**
 * The form in its frame: waits for the loader's init, accepted only from the page that frames it
 * (`?origin=`: the BFF let no other frame it, frame-ancestors names this one), and talks only to it.
 */
export function startFrame(): void {
  const origin = new URLSearchParams(location.search).get('origin');
  addEventListener('message', function onInit(event: MessageEvent) {
    if (event.source !== parent || !isProtocolMessage(event.data) || event.data.type !== 'init') return;
    if (!origin || event.origin !== origin) return;
    const init = event.data as InitMessage;
    removeEventListener('message', onInit);
    const post = (message: Record<string, unknown>) => parent.postMessage({ p: PROTOCOL, ...message }, origin);
    document.documentElement.lang = init.locale;
    adoptCss(document, appearanceCss(init.appearance, ':root'));
    const root = document.getElementById('root') as HTMLElement;
    // The loader's next token: the first (when init came without one), or one asked for a new attempt.
    const nextToken = () =>
      new Promise<string | null>((resolve) => {
        addEventListener('message', function onToken(e: MessageEvent) {
          if (e.source !== parent || e.origin !== origin || !isProtocolMessage(e.data) || e.data.type !== 'token')
            return;
          removeEventListener('message', onToken);
          const token = (e.data as TokenMessage).token;
          resolve(typeof token === 'string' ? token : null);
        });
      });
    const freshToken = () => {
      const token = nextToken();
      post({ type: 'token-request' });
      return token;
    };
    // A token made for another origin than the page's is never used.
    const token = (init.token ? Promise.resolve(init.token) : nextToken()).then((value) =>
      value && tokenOrigin(value) === origin ? value : null,
    );
    render(<App init={init} api={new Api(token)} post={post} freshToken={freshToken} />, root);
    // Preact renders synchronously: the form is there now, not after the effects' next frame.
    post({ type: 'rendered' });
    // The body's own height (not the document's, which never shrinks below the frame).
    new ResizeObserver(() => post({ type: 'resize', height: root.getBoundingClientRect().height + 4 })).observe(root);
  });
  // "ready" carries nothing: it may go to any parent.
  parent.postMessage({ p: PROTOCOL, type: 'ready' }, '*');
}
