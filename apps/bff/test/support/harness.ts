/**
 * The BFF tests' kit, in one import: the sandbox and the bodies tests send (sandbox.ts), BFFs in
 * this process or on the Node entry (bff.ts), what a browser and a merchant do over HTTP
 * (browser.ts), and processes a test starts (processes.ts).
 */
export { freePort } from '@cardbind/sandbox/node';
export * from './bff.js';
export * from './browser.js';
export * from './processes.js';
export * from './sandbox.js';
