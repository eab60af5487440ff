import type { InitMessage } from '../protocol.js';

/**
 * The form's height in px before its frame reports it, so the page does not jump when it does (a
 * frame that grows from nothing pushes the page down: layout shift). Measured in Chromium with the
 * default appearance, in a 303 px wide container (a 375 px phone) and a 520 px one; per language
 * and form: verify with 2, 3 and 4 elements, bind, verify then bind.
 */
const HEIGHTS = {
  'zh-CN': [
    [390, 500, 586, 784, 658],
    [342, 452, 538, 712, 562],
  ],
  en: [
    [438, 548, 658, 904, 778],
    [390, 476, 562, 760, 610],
  ],
} as const;

/** The height to hold for `init`'s form in a container `width` px wide; 0 when resuming (a short result shows). */
export function reservedHeight(init: InitMessage, width: number): number {
  if (init.resumeOrder) return 0;
  const form = init.mode === 'bind' ? 3 : init.mode === 'verify-then-bind' ? 4 : init.elements - 2;
  return HEIGHTS[init.locale][width < 420 ? 0 : 1][form] ?? 0;
}
