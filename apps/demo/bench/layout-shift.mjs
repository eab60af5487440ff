// pnpm bench (apps/demo): cumulative layout shift on the demo checkout under Lighthouse 12's
// mobile preset (a mid-range phone's screen, simulated slow 4G and 4× CPU), in Debian's Chromium,
// beside the page without the widget (`?embed=none`): what the widget adds is the difference.
// Each run checks its answer: Lighthouse ran without error, and the widget's frame, its script
// and its token check were all answered 200 (it loaded, not merely started).
import lighthouse from 'lighthouse';
import puppeteer from 'puppeteer-core';
import { startDemo } from '../server/demo.mjs';

const BUDGET = 0.02;
const demo = await startDemo();
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic'],
});

const PAGES = [
  { what: 'the page alone (baseline)', query: 'mode=verify&embed=none', widget: false },
  { what: 'verify, zh-CN (iframe)', query: 'mode=verify&locale=zh-CN', widget: true },
  { what: 'verify, 4 elements, en (iframe)', query: 'mode=verify&elements=4&locale=en', widget: true },
  { what: 'bind, zh-CN (iframe)', query: 'mode=bind&locale=zh-CN', widget: true },
  { what: 'verify, en (inline)', query: 'mode=verify&locale=en&isolation=inline', widget: true },
];

const rows = [];
let version = '?';
let failed = false;
for (const { what, query, widget } of PAGES) {
  const page = await browser.newPage();
  const { lhr } = await lighthouse(
    `${demo.url}/?${query}`,
    { logLevel: 'error', output: 'json', onlyCategories: ['performance'] },
    undefined,
    page,
  );
  await page.close();
  version = lhr.lighthouseVersion;
  const cls = lhr.audits['cumulative-layout-shift']?.numericValue;
  const requests = lhr.audits['network-requests']?.details?.items ?? [];
  const answered = (path) => requests.some((r) => new URL(r.url).pathname === path && r.statusCode === 200);
  const loaded = query.includes('inline')
    ? answered('/widget/inline.js') && answered('/v1/session')
    : answered('/widget/frame') && answered('/v1/session');
  if (lhr.runtimeError || typeof cls !== 'number' || (widget && !loaded)) {
    console.error(
      `layout-shift bench FAILED: ${what}: ${lhr.runtimeError?.message ?? `CLS ${cls}, widget loaded ${loaded}`}`,
    );
    failed = true;
    continue;
  }
  rows.push({
    what,
    'layout shift': cls.toFixed(3),
    budget: widget ? `≤ ${BUDGET}` : '',
    within: !widget || cls <= BUDGET ? 'yes' : 'NO',
  });
}
console.log(`\nCumulative layout shift on the demo checkout, Lighthouse ${version} mobile preset, headless Chromium:`);
console.table(rows);
await browser.close();
await demo.close();
if (failed) process.exit(1);
