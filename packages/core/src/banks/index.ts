/**
 * BIN lookup, server-side: it carries the whole `bankcard` data set (~100 KB),
 * so it is a separate entry point the widget never imports.
 */
export { BANK_NAMES_EN } from './english-names.js';
export {
  type BankEntry,
  type BinInfo,
  bankNameOf,
  type CardKind,
  listBanks,
  lookupBin,
  MIN_BIN_LENGTH,
} from './lookup.js';
