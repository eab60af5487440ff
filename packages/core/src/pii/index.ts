export { Fingerprinter, type FingerprintKind } from './fingerprint.js';
export { maskCard, maskIdNumber, maskName, maskPhone } from './mask.js';
export { type Masked, notPii } from './masked.js';
