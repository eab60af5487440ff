/**
 * @cardbind/core — the domain, on Web APIs only. Each area is also its own
 * entry point (`@cardbind/core/validation`, `/pii`, `/outcome`, `/provider`,
 * `/crypto`, `/errors`, `/bin`) so bundles take only what they use. The BIN
 * table is not re-exported here: import `@cardbind/core/banks` on the server.
 */
export * from './bind/index.js';
export * from './contract/index.js';
export * from './crypto/index.js';
export * from './errors.js';
export * from './outcome/index.js';
export * from './pii/index.js';
export * from './validation/index.js';
