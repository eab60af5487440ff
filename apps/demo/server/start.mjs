// `pnpm demo` runs this after building: starts everything and prints the URL.
// DEMO_PORT (5173) is the checkout page's port, PORT (8787) the BFF's;
// DEMO_ORIGINS (comma-separated) lets your own pages use the demo's BFF.
import { startDemo } from './demo.mjs';

const merchantPort = Number(process.env.DEMO_PORT ?? 5173);
const bffPort = Number(process.env.PORT ?? 8787);
const extraOrigins = (process.env.DEMO_ORIGINS ?? '')
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

let demo;
try {
  demo = await startDemo({ merchantPort, bffPort, extraOrigins });
} catch (error) {
  if (error?.code !== 'EADDRINUSE') throw error;
  console.error(
    `\ncardbind demo: port ${error.port} is in use (another demo still running?).\n` +
      `Stop it, or choose other ports: DEMO_PORT=5174 PORT=8788 pnpm demo\n`,
  );
  process.exit(1);
}
console.log(`\ncardbind demo checkout: ${demo.url}/   (open it in a browser)`);
console.log(`  4-element:  ${demo.url}/?mode=verify&elements=4`);
console.log(`  2-element:  ${demo.url}/?mode=verify&elements=2`);
console.log(`  bind:       ${demo.url}/?mode=bind   (the sandbox bank page opens; Approve or Decline)`);
console.log(`  English:    ${demo.url}/?locale=en`);
console.log(`\nBFF: ${demo.bffUrl}   merchant ${demo.merchantId}, API key for this run: ${demo.apiKey}`);
console.log(
  `  allowed origins: ${[demo.url, ...extraOrigins].join(', ')}  (DEMO_ORIGINS=http://localhost:3000 adds yours)`,
);
console.log(`  simulators: ${JSON.stringify(demo.simulators)}`);
console.log(`\nOperations page: ${demo.bffUrl}/ops   operator key for this run: ${demo.operatorKey}`);
console.log('Sandbox identities are in the README. Ctrl-C stops.');
const stop = () => void demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
