import { afterAll, beforeAll, describe, it } from 'vitest';
import { startDemo } from '../../server/demo.mjs';
import type { Engine } from './cardholder.js';
import { DESKTOP, FLOWS as WIDGET_FLOWS } from './flows.js';
import { HOSTED_FLOWS } from './hosted-flows.js';
import { launchPuppeteer } from './puppeteer.js';
import { launchWebKit } from './webdriver.js';

/**
 * The cardholder's flows in each engine a cardholder is on: Chromium, WebKitGTK (the engine of
 * iOS) and Firefox ESR, all Debian's, against one demo; a table of flow × engine at the end.
 */
const FLOWS = [...WIDGET_FLOWS, ...HOSTED_FLOWS];
const ENGINES: Record<string, () => Promise<Engine>> = {
  chromium: () => launchPuppeteer('chromium'),
  webkit: launchWebKit,
  firefox: () => launchPuppeteer('firefox'),
};

let demo: Awaited<ReturnType<typeof startDemo>>;
let clockOffset = 0;
beforeAll(async () => {
  demo = await startDemo({ now: () => Date.now() + clockOffset });
});
const outcomes = new Map<string, Map<string, string>>(FLOWS.map((flow) => [flow.name, new Map()]));
const versions = new Map<string, string>();
afterAll(async () => {
  await demo?.close();
  const names = Object.keys(ENGINES);
  const width = Math.max(...FLOWS.map((flow) => flow.name.length));
  const rows = [
    `${'flow'.padEnd(width)} | ${names.map((name) => name.padEnd(8)).join(' | ')}`,
    ...FLOWS.map(
      (flow) =>
        `${flow.name.padEnd(width)} | ${names.map((name) => (outcomes.get(flow.name)?.get(name) ?? (flow.engines && !flow.engines.includes(name) ? '—' : 'not run')).padEnd(8)).join(' | ')}`,
    ),
    ...names.map((name) => `${name}: ${versions.get(name) ?? 'did not start'}`),
  ];
  console.log(`\nwidget flows × engines\n${rows.join('\n')}\n`);
});

for (const [name, launch] of Object.entries(ENGINES)) {
  describe(name, () => {
    let engine: Engine | undefined;
    beforeAll(async () => {
      engine = await launch();
    });
    afterAll(async () => {
      await engine?.close();
    });

    for (const flow of FLOWS.filter((f) => !f.engines || f.engines.includes(name))) {
      it(flow.name, async () => {
        if (!engine) throw new Error(`${name} did not start`);
        outcomes.get(flow.name)?.set(name, 'FAILED');
        const tab = await engine.open(flow.viewport ?? DESKTOP);
        versions.set(name, engine.version);
        try {
          await flow.run(tab, demo.url, {
            // WebKitWebDriver keeps one session at a time: the flow's own browser goes first.
            anotherBrowser: async (viewport) => {
              if (name === 'webkit') await tab.close();
              return (engine as Engine).open(viewport);
            },
            setClock: (ms) => {
              clockOffset = ms;
            },
          });
          outcomes.get(flow.name)?.set(name, 'passed');
        } finally {
          await tab.close();
        }
      });
    }
  });
}
