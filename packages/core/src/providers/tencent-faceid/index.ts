/**
 * Tencent Cloud FaceID bank-card verification (`tencent-faceid`): 2, 3 and 4 elements, with
 * optional field encryption. Its protocol's pieces (TC3 signature, encryption, code tables) are in
 * `./internal`, for the sandbox and tests.
 */
export type { FaceIdEncryptionAlgorithm } from './encryption.js';
export { createTencentFaceIdProvider, type TencentFaceIdConfig, type TencentFaceIdProvider } from './provider.js';
