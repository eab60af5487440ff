/**
 * @cardbind/sandbox — provider simulators as Hono apps on Web APIs. Serve
 * them with any runtime; `@cardbind/sandbox/node` and the `cardbind-sandbox`
 * CLI serve them on Node.
 */
export * from './identities.js';
export { identitiesMarkdown } from './identities-markdown.js';
export { SANDBOX_RSA_PRIVATE_KEY, SANDBOX_RSA_PUBLIC_KEY } from './keys.js';
export { SimulatorStats } from './shared/stats.js';
export { type CsecSimulator, type CsecSimulatorOptions, createCsecSimulator } from './tencent-csec/app.js';
export { createFaceIdSimulator, type FaceIdSimulator, type FaceIdSimulatorOptions } from './tencent-faceid/app.js';
