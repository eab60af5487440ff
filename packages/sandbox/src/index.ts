/**
 * @cardbind/sandbox — provider simulators as Hono apps on Web APIs. Serve
 * them with any runtime; `@cardbind/sandbox/node` and the `cardbind-sandbox`
 * CLI serve them on Node.
 */

export {
  type AggregatePaySimulator,
  type AggregatePaySimulatorOptions,
  BANK_BIND_PATH,
  BANK_CONFIRM_PATH,
  createAggregatePaySimulator,
} from './aggregate-pay/app.js';
export { type Delivery, Notifier } from './aggregate-pay/notifier.js';
export {
  type CloudauthSimulator,
  type CloudauthSimulatorOptions,
  createCloudauthSimulator,
} from './alibaba-cloudauth/app.js';
export * from './identities.js';
export { identitiesMarkdown } from './identities-markdown.js';
export {
  SANDBOX_MERCHANT_RSA_PRIVATE_KEY,
  SANDBOX_MERCHANT_RSA_PUBLIC_KEY,
  SANDBOX_RSA_PRIVATE_KEY,
  SANDBOX_RSA_PUBLIC_KEY,
  SANDBOX_SM2_PRIVATE_KEY_HEX,
  SANDBOX_SM2_PUBLIC_KEY,
} from './keys.js';
export {
  SANDBOX_PORTS,
  SANDBOX_PROVIDER_NAMES,
  SANDBOX_ROUTING,
  type SandboxUrls,
  sandboxProviderConfigs,
  sandboxUrls,
} from './provider-configs.js';
export { createRzSimulator, RZ_PATH, type RzSimulator, type RzSimulatorOptions } from './rz/app.js';
export { SimulatorStats } from './shared/stats.js';
export { type CsecSimulator, type CsecSimulatorOptions, createCsecSimulator } from './tencent-csec/app.js';
export { createFaceIdSimulator, type FaceIdSimulator, type FaceIdSimulatorOptions } from './tencent-faceid/app.js';
