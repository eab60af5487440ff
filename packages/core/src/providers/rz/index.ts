/**
 * The RZ three-element (and, configured, four-element) verification provider (`rz`). Its
 * protocol's pieces (signature, code table) are in `./internal`, for the sandbox and tests.
 */
export { createRzProvider, type RzConfig, type RzProvider } from './provider.js';
