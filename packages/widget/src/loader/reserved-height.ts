import type { FormInit } from '../protocol.js';

/**
 * The form's height in px before its frame reports it, so the page does not jump when it does (a
 * frame that grows from nothing pushes the page down: layout shift). Measured in Chromium with the
 * default appearance, in a 303 px wide container (a 375 px phone) and a 520 px one; per language
 * and form: verify with 2, 3 and 4 elements, bind, verify then bind; a Cancel button adds its own.
 */
const HEIGHTS = {
  'zh-CN': [
    [332, 442, 528, 726, 600],
    [284, 394, 480, 654, 504],
  ],
  en: [
    [380, 490, 600, 846, 720],
    [332, 418, 504, 702, 552],
  ],
} as const;

/** The Cancel button (with `onExit`) and its margin. */
const CANCEL = 58;

/** The height to hold for `init`'s form in a container `width` px wide; 0 when resuming (a short result shows). */
export function reservedHeight(init: FormInit, width: number): number {
  if (init.resumeOrder) return 0;
  const form = init.mode === 'bind' ? 3 : init.mode === 'verify-then-bind' ? 4 : init.elements - 2;
  return (HEIGHTS[init.locale][width < 420 ? 0 : 1][form] ?? 0) + (init.cancelable ? CANCEL : 0);
}
