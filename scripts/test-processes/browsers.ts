/**
 * The Chromium binaries the suites drive, both Debian's (`.ci/run` installs them): processes the
 * tests start, as the rest of this folder's concern is.
 *
 * The suites that open many pages in Chromium (the widget's flows, the operations page, the
 * merchant's quickstart) use Chromium's headless shell: the same Blink and V8 without the
 * browser around them, a third of the full browser's CPU time per page opened (0.29 against
 * 0.78 CPU-seconds for a checkout with its frame). The engines matrix and the benchmarks use the
 * full browser, as cardholders run it.
 */
export const CHROMIUM_SHELL = process.env.CHROMIUM_SHELL_PATH ?? '/usr/bin/chromium-headless-shell';
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
