import { PROTOCOL, readFrameFragment } from '../protocol.js';
import { EARLY, type EarlyMessages } from './early.js';
import { adoptCss, appearanceCss } from './theme.js';

/*
 * The frame page's first script (its own, small; the BFF inlines it right after the form it wrote
 * out, which only a loader of this protocol asks for): says `rendered` while the page is still
 * being parsed, before the form's script runs and before the first layout, so the merchant's page
 * hears it about when it would hear an empty frame's `load`; the merchant's appearance is adopted
 * first, so the first paint has it. The fields take typing from then on
 * (main.tsx adopts what was typed). The loader's answer, the token, may come before the form's
 * script listens: it is kept for it. A form's script that does not start is reported: the loader
 * heard `rendered`, and would otherwise wait on a form that never works.
 */
const origin = new URLSearchParams(location.search).get('origin');
// The merchant's appearance, before the first paint (the form's script runs after it).
adoptCss(document, appearanceCss(readFrameFragment(location.hash.slice(1), 'zh-CN')?.appearance, ':root'));
if (origin) {
  const early: EarlyMessages = { events: [], keep: (event) => early.events.push(event) };
  addEventListener('message', early.keep);
  (window as unknown as Record<string, EarlyMessages>)[EARLY] = early;
  parent.postMessage({ p: PROTOCOL, type: 'rendered' }, origin);
  // The form's script runs before `load` and starts the form in a task it queues then: a task well
  // after `load` finds it started, unless it never ran (blocked, failed, another version's).
  addEventListener('load', () =>
    setTimeout(() => early.started || parent.postMessage({ p: PROTOCOL, type: 'script-failed' }, origin), 100),
  );
}
