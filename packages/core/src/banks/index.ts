/**
 * BIN lookup, server-side: it carries the whole `bankcard` data set (~100 KB),
 * so it is a separate entry point the widget never imports.
 */

export {
  type BankData,
  type BankDirectory,
  type BankEntry,
  type BinInfo,
  type CardKind,
  createBankDirectory,
  MIN_BIN_LENGTH,
} from './directory.js';
export { BANK_NAMES_EN } from './english-names.js';
export { bankcardData, bankDirectory, bankNameOf, listBanks, lookupBin } from './lookup.js';
