import { startFrame } from './frame/main.js';

/**
 * The form's one script, served twice by the BFF: inlined in the frame's page, which it starts
 * (the page is marked `data-cardbind-frame`), and as inline mode's module, whose `renderInline`
 * the loader calls on the merchant's page (nothing starts there). One build instead of two near
 * copies: the BFF holds it once.
 */
export { renderInline } from './inline/index.js';

// In a task of its own, once the page has loaded: Chromium's form autofill scans a form that is
// in the page at DOMContentLoaded at once, with a layout of its own; rendered after, the form
// reaches the merchant's page about 10 to 20 ms sooner (apps/demo/bench/mount.mjs).
if (document.documentElement.hasAttribute('data-cardbind-frame')) setTimeout(startFrame);
