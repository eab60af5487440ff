import { banks, cards } from 'bankcard';
import { type BankData, createBankDirectory } from './directory.js';

/** The directory over the bundled bankcard data (~100 KB). */
export const bankDirectory = createBankDirectory({ banks, cards });

/** The bundled data as `createBankDirectory` takes it (written out as JSON for Workers static assets). */
export const bankcardData = (): BankData => ({
  banks: banks.map(({ code, name }) => ({ code, name })),
  cards: cards.map(({ bankCode, bankName, cardBin, cardType, len }) => ({
    bankCode,
    bankName,
    cardBin,
    cardType,
    len,
  })),
});

/**
 * Looks up the issuer of a card number or prefix (≥ 6 digits is reliable).
 * The longest matching BIN wins; when a full number is given, BINs whose
 * card length agrees are preferred. Returns undefined when unknown.
 */
export const lookupBin = bankDirectory.lookupBin;
/** A bank's names by its code (`ICBC` → 中国工商银行 / Industrial and Commercial Bank of China). */
export const bankNameOf = bankDirectory.bankNameOf;
/**
 * Every bank of the data set, for a picker: the banks most cards come from
 * first (the order of BANK_NAMES_EN), then the rest by their Chinese name.
 * A bank without an English name shows its Chinese one in both languages.
 */
export const listBanks = bankDirectory.listBanks;
