// pnpm bench (apps/demo): time from mount() to the form on screen (onReady) in headless Chromium
// on loopback, median of repeated runs, beside a baseline: an empty cross-origin iframe from the
// same BFF, to its load event. onReady comes when the frame's page has been parsed with its form
// written out in it (the page's first script says so, before the first layout, as `load` comes
// for the empty frame); the last of the frame's columns is when the form's script has taken the
// form over (its first `change`, posted from an effect: after the first paint). onReady comes when the frame's page has been parsed with its form
// written out in it (the page's first script says so, before the first layout, as `load` comes for
// the empty frame); the next column is when the form's script has taken it over (its first
// `change`, posted from an effect: after the first paint). Each is measured alone, on a fresh demo page that has loaded and
// gone idle (`?embed=later`), from inside one evaluation (no polling by the driver in between),
// alternating which goes first, so that neither gets the other's warm connection or process.
// Each run checks its answer: the form's fields are in the frame.
import { chromium } from 'playwright-core';
import { startDemo } from '../server/demo.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const BUDGET = 1.5;
const demo = await startDemo();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** A fresh demo page, loaded, painted twice and idle: nothing of its own left to do. */
const idlePage = async (query) => {
  const page = await browser.newPage();
  await page.goto(`${demo.url}/?${query}&embed=later`, { waitUntil: 'load' });
  await page.evaluate(
    () =>
      new Promise((resolve) =>
        requestAnimationFrame(() => requestAnimationFrame(() => requestIdleCallback(resolve, { timeout: 1000 }))),
      ),
  );
  return page;
};
/** mount() → onReady (the demo measures it); the form must then be there, with its card field. */
const interactive = async (query) => {
  const page = await idlePage(query);
  const { ms, scriptMs } = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const measured = {};
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) measured[entry.name] = entry.duration;
          const ms = measured['cardbind-mount-to-interactive'];
          const scriptMs = measured['cardbind-mount-to-script'];
          if (ms !== undefined && scriptMs !== undefined) resolve({ ms, scriptMs });
        }).observe({ type: 'measure' });
        window.mountWidget();
      }),
  );
  const inline = query.includes('inline');
  const scope = inline ? page.locator('#cardbind') : page.frameLocator('#cardbind iframe');
  if ((await scope.locator('#cardNumber').count()) !== 1) {
    console.error(`mount bench FAILED: onReady came without the form (${query})`);
    process.exit(1);
  }
  // Where the frame's time went: its page answered, then parsed (from mount()).
  const frame = inline ? undefined : page.frames().find((f) => f.url().includes('/widget/frame'));
  const phases = await frame?.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    return { answered: nav.responseEnd, parsed: nav.domInteractive, origin: performance.timeOrigin };
  });
  const mountedAt = await page.evaluate(
    () => performance.timeOrigin + performance.getEntriesByName('cardbind-mount')[0].startTime,
  );
  await page.close();
  return {
    ms,
    scriptMs,
    ...(phases && {
      answered: phases.origin + phases.answered - mountedAt,
      parsed: phases.origin + phases.parsed - mountedAt,
    }),
  };
};
/** An empty iframe from the BFF (a small JSON document), appended → its load event. */
const bare = async (run) => {
  const page = await idlePage('mode=verify');
  const ms = await page.evaluate(
    (src) =>
      new Promise((resolve) => {
        const started = performance.now();
        const frame = document.createElement('iframe');
        frame.addEventListener('load', () => resolve(performance.now() - started));
        frame.src = src;
        document.body.append(frame);
      }),
    `${demo.bffUrl}/.well-known/jwks.json?run=${run}`,
  );
  await page.close();
  return ms;
};

const mountMs = [];
const scriptMs = [];
const answeredMs = [];
const parsedMs = [];
const inlineMs = [];
const bareMs = [];
for (let i = 0; i < RUNS; i++) {
  const widget = async () => {
    const run = await interactive('mode=verify');
    mountMs.push(run.ms);
    scriptMs.push(run.scriptMs);
    answeredMs.push(run.answered);
    parsedMs.push(run.parsed);
  };
  if (i % 2) {
    bareMs.push(await bare(i));
    await widget();
  } else {
    await widget();
    bareMs.push(await bare(i));
  }
  inlineMs.push((await interactive('mode=verify&isolation=inline')).ms);
}
const ratio = median(mountMs) / median(bareMs);
console.log(
  `\nWidget mount() → form on screen, headless Chromium, loopback, each on a fresh idle page, median of ${RUNS} runs:`,
);
console.table([
  {
    what: 'empty cross-origin iframe from the BFF (baseline)',
    'median ms': median(bareMs).toFixed(1),
    '× baseline': '1.00',
  },
  {
    what: 'cardbind widget: mount() → form rendered in its frame',
    'median ms': median(mountMs).toFixed(1),
    '× baseline': ratio.toFixed(2),
    'frame page in / parsed / script ran ms': `${median(answeredMs).toFixed(0)} / ${median(parsedMs).toFixed(0)} / ${median(scriptMs).toFixed(0)}`,
    budget: `≤ ${BUDGET}×`,
    within: ratio <= BUDGET ? 'yes' : 'NO',
  },
  {
    what: "inline mode: mount() → form rendered in the page's shadow DOM",
    'median ms': median(inlineMs).toFixed(1),
    '× baseline': (median(inlineMs) / median(bareMs)).toFixed(2),
  },
]);

// What the frame costs on the wire, per language: each file it loads, as this browser was sent it
// (headers and encoded body), counted from the browser's side. Every file must have come (200).
const wire = [];
for (const locale of ['zh-CN', 'en']) {
  const page = await browser.newPage();
  const pending = [];
  page.on('requestfinished', (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(demo.bffUrl).origin || !url.pathname.startsWith('/widget/frame')) return;
    pending.push(
      (async () => {
        const response = await request.response();
        const sizes = await request.sizes();
        return {
          file: url.pathname.replace('/widget/', ''),
          status: response?.status(),
          encoding: (await response?.headerValue('content-encoding')) ?? 'none',
          bytes: sizes.responseHeadersSize + sizes.responseBodySize,
        };
      })(),
    );
  });
  await page.goto(`${demo.url}/?mode=verify&locale=${locale}`);
  await page.waitForFunction(() => performance.getEntriesByName('cardbind-mount-to-interactive').length > 0);
  const files = await Promise.all(pending);
  await page.close();
  const names = files.map((f) => f.file).sort();
  if (names.join() !== 'frame' || files.some((f) => f.status !== 200)) {
    console.error(`mount bench FAILED: the frame (${locale}) loaded ${JSON.stringify(files)}`);
    process.exit(1);
  }
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  wire.push({
    locale,
    files: files.map((f) => `${f.file} ${(f.bytes / 1000).toFixed(1)} kB (${f.encoding})`).join(', '),
    'total kB': (total / 1000).toFixed(1),
    budget: '16 kB',
  });
}
console.log('\nEverything the frame loads, bytes on the wire (headers and encoded bodies), headless Chromium:');
// (The page with its form written out: .size-limit.json's 15.2 kB for the largest body, and headers.)
console.table(wire.map((w) => ({ ...w, 'within budget': Number(w['total kB']) <= 16 ? 'yes' : 'NO' })));
await browser.close();
await demo.close();
