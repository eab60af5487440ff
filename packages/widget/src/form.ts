import { startFrame } from './frame/main.js';

/**
 * The form's one script, served twice by the BFF: inlined in the frame's page, which it starts
 * (the page is marked `data-cardbind-frame`), and as inline mode's module, whose `renderInline`
 * the loader calls on the merchant's page (nothing starts there). One build instead of two near
 * copies: the BFF holds it once.
 */
export { renderInline } from './inline/index.js';

if (document.documentElement.hasAttribute('data-cardbind-frame')) startFrame();
