/**
 * Puts the focus on a result, so keyboard and screen-reader users land on it.
 *
 * WebKit ignores focus() in a cross-origin frame without a user gesture, even when the frame has
 * the page's focus: so after the bank's round trip (a fresh load, no gesture) the frame asks the
 * loader to focus the iframe (the page may), and makes the result its first Tab stop. A reader then
 * starts in the frame, at the result; a keyboard user reaches it with one Tab.
 */
export function focusResult(target: HTMLElement, post: (message: Record<string, unknown>) => void): void {
  target.focus();
  // Inline mode: the result is in a shadow root, whose activeElement is the one to ask.
  if ((target.getRootNode() as Document | ShadowRoot).activeElement === target || parent === window) return;
  target.tabIndex = 0;
  target.addEventListener('blur', () => target.setAttribute('tabindex', '-1'), { once: true });
  post({ type: 'focus' });
}
