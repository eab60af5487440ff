/**
 * Tencent Cloud's legacy payment-security verification (`tencent-csec`): 3 and 4 elements. Its
 * protocol's pieces (API 2.0 signature, code tables) are in `./internal`, for the sandbox and tests.
 */
export { createTencentCsecProvider, type TencentCsecConfig } from './provider.js';
