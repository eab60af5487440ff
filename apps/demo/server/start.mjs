// `pnpm demo` runs this after building: starts everything and prints the URL.
import { startDemo } from './demo.mjs';

const demo = await startDemo({
  merchantPort: Number(process.env.DEMO_PORT ?? 5173),
  bffPort: Number(process.env.PORT ?? 8787),
});
console.log(`\ncardbind demo checkout: ${demo.url}/   (open it in a browser)`);
console.log(`  4-element:  ${demo.url}/?mode=verify&elements=4`);
console.log(`  bind:       ${demo.url}/?mode=bind   (the sandbox bank page opens; Approve or Decline)`);
console.log(`  English:    ${demo.url}/?locale=en`);
console.log(`BFF: ${demo.bffUrl}   simulators: ${JSON.stringify(demo.simulators)}`);
console.log('Sandbox identities are in the README. Ctrl-C stops.');
const stop = () => void demo.close().then(() => process.exit(0));
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
