import { render } from 'preact';
import { type InitMessage, isProtocolMessage, PROTOCOL, type TokenMessage } from '../protocol.js';
import { tokenOrigin } from '../token.js';
import { Api } from './api.js';
import { App } from './app.js';
import { adoptCss, appearanceCss } from './theme.js';

// Wait for the loader's init; accept it only from the origin the token names, and talk only to it.
addEventListener('message', function onInit(event: MessageEvent) {
  if (event.source !== parent || !isProtocolMessage(event.data) || event.data.type !== 'init') return;
  const init = event.data as InitMessage;
  const origin = tokenOrigin(init.token);
  if (!origin || event.origin !== origin) return;
  removeEventListener('message', onInit);
  const post = (message: Record<string, unknown>) => parent.postMessage({ p: PROTOCOL, ...message }, origin);
  document.documentElement.lang = init.locale;
  adoptCss(document, appearanceCss(init.appearance, ':root'));
  const root = document.getElementById('root') as HTMLElement;
  // A fresh token for a new attempt: asked of the loader, answered by the merchant's fetchToken.
  const freshToken = () =>
    new Promise<string | null>((resolve) => {
      addEventListener('message', function onToken(e: MessageEvent) {
        if (e.source !== parent || e.origin !== origin || !isProtocolMessage(e.data) || e.data.type !== 'token') return;
        removeEventListener('message', onToken);
        const token = (e.data as TokenMessage).token;
        resolve(typeof token === 'string' ? token : null);
      });
      post({ type: 'token-request' });
    });
  render(<App init={init} api={new Api(init.token)} post={post} freshToken={freshToken} />, root);
  // The body's own height (not the document's, which never shrinks below the frame).
  new ResizeObserver(() => post({ type: 'resize', height: root.getBoundingClientRect().height + 4 })).observe(root);
});
// "ready" carries nothing: it may go to any parent.
parent.postMessage({ p: PROTOCOL, type: 'ready' }, '*');
