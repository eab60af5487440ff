/**
 * What a cardholder does in a browser, said once for every engine: each driver (puppeteer.ts for
 * Chromium over CDP and Firefox over WebDriver BiDi, webdriver.ts for WebKitGTK over classic
 * WebDriver) implements these few acts, and the flows are written against them alone.
 */
export type Key = 'Tab' | 'Enter' | 'Space';

export interface Viewport {
  width: number;
  height: number;
}

export interface Tab {
  goto(url: string): Promise<void>;
  /** Acts inside the widget's iframe from now on (once it holds a form or a result). */
  inWidget(): Promise<void>;
  /** Acts on the top page (the merchant's, or the bank's) from now on. */
  inPage(): Promise<void>;
  /** Types `text` key by key into whatever has the focus. */
  keys(text: string): Promise<void>;
  /** A real click (a pointer event at the element's centre, scrolled into view). */
  click(selector: string): Promise<void>;
  /** A key pressed on whatever has the focus. */
  press(key: Key): Promise<void>;
  /** The value of a JavaScript expression in the current document (JSON-serializable). */
  evaluate<T>(expression: string): Promise<T>;
  url(): Promise<string>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

export interface Engine {
  /** chromium, webkit or firefox. */
  readonly name: string;
  /** The browser's own version string. */
  readonly version: string;
  open(viewport: Viewport): Promise<Tab>;
  close(): Promise<void>;
}

/** Polls `expression` in the current document until it is truthy; tolerates a document being replaced. */
export async function until(tab: Tab, expression: string, what = expression, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      if (await tab.evaluate<boolean>(`!!(${expression})`)) return;
    } catch (error) {
      last = error; // a navigation in progress: the next poll sees the new document
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? ` (${String(last)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const waitFor = (tab: Tab, selector: string) =>
  until(tab, `document.querySelector(${JSON.stringify(selector)})`, selector);

export async function waitForUrl(tab: Tab, pattern: RegExp): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!pattern.test(await tab.url())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for a URL matching ${pattern}: ${await tab.url()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Clicks into the field, selects what it holds and types `value` over it, key by key. The click
 * is what a cardholder does, and WebKit needs it: a script's focus() in a cross-origin frame that
 * has had no interaction does not move the keyboard there.
 */
export async function type(tab: Tab, selector: string, value: string): Promise<void> {
  await tab.click(selector);
  await tab.evaluate(`(document.querySelector(${JSON.stringify(selector)}).select(), true)`);
  await tab.keys(value);
}

export const attribute = (tab: Tab, selector: string, name: string) =>
  tab.evaluate<string | null>(
    `document.querySelector(${JSON.stringify(selector)})?.getAttribute(${JSON.stringify(name)}) ?? null`,
  );

export const text = (tab: Tab, selector: string) =>
  tab.evaluate<string | null>(`document.querySelector(${JSON.stringify(selector)})?.textContent ?? null`);

/** What has the focus in the current document: its tag, id and classes. */
export const focused = (tab: Tab) =>
  tab.evaluate<string>(
    `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + [...e.classList].map((c) => '.' + c).join('') : 'none'; })()`,
  );
