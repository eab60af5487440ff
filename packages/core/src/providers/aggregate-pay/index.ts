/**
 * The aggregated-pay one-click bind-card provider (`aggregate-pay`): a `Binder`. Its protocol's
 * pieces (envelope, signatures, code tables) are in `./internal`, for the sandbox and tests.
 */

export type { SubmitUrlPolicy } from './form.js';
export { type AggregatePayConfig, createAggregatePayProvider } from './provider.js';
