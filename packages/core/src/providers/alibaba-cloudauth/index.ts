/**
 * Alibaba Cloud ID Verification's bank-card check (`alibaba-cloudauth`, `BankMetaVerify`): 2, 3
 * and 4 elements. Its protocol's pieces (signing, code tables) are in `./internal`, for the
 * sandbox and tests.
 */
export type { CloudauthParamType, CloudauthSigning } from './api-types.js';
export {
  type AlibabaCloudauthConfig,
  type AlibabaCloudauthProvider,
  CLOUDAUTH_ENDPOINTS,
  createAlibabaCloudauthProvider,
} from './provider.js';
