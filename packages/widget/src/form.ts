import { startFrame } from './frame/main.js';

/**
 * The form's one script, served twice by the BFF: inlined in the frame's page, which it starts
 * (the page is marked `data-cardbind-frame`), and as inline mode's module, whose `renderInline`
 * the loader calls on the merchant's page (nothing starts there). One build instead of two near
 * copies: the BFF holds it once.
 */
export { renderInline } from './inline/index.js';

// In a task of its own, once the page has loaded. A page without its form written out (a result
// to resume) renders it here: Chromium's form autofill scans a form that is in the page at
// DOMContentLoaded at once, with a layout of its own, so rendering after it reached the merchant's
// page 10 to 20 ms sooner. A page with its form written out said `rendered` already (ping.ts);
// this only takes the form over (whether starting sooner would hand it over sooner is not measured).
if (document.documentElement.hasAttribute('data-cardbind-frame')) setTimeout(startFrame);
