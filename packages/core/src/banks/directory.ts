import { BANK_NAMES_EN } from './english-names.js';

export type CardKind = 'DEBIT' | 'CREDIT' | 'SEMI_CREDIT' | 'PREPAID' | 'UNKNOWN';

export interface BinInfo {
  /** The matched issuer identification prefix. */
  bin: string;
  /** Bank code as used by Chinese payment APIs (ICBC, CCB, …). */
  bankCode: string;
  bankName: { 'zh-CN': string; en: string };
  cardType: CardKind;
  /** Card number length for this BIN. */
  length: number;
}

/** The data a directory is made from: bankcard's `banks` and `cards` (what `bankcardData()` writes out). */
export interface BankData {
  banks: readonly { code: string; name: string }[];
  cards: readonly { bankCode: string; bankName: string; cardBin: string; cardType: string; len: number }[];
}

/** The lookups over one data set (see `createBankDirectory`). */
export interface BankDirectory {
  lookupBin(cardNumberOrPrefix: string): BinInfo | undefined;
  bankNameOf(bankCode: string): { 'zh-CN': string; en: string } | undefined;
  listBanks(): BankEntry[];
}

const CARD_KINDS: Record<string, CardKind> = { DC: 'DEBIT', CC: 'CREDIT', SCC: 'SEMI_CREDIT', PC: 'PREPAID' };

/** Shortest BIN in the data set: below this nothing can match. */
export const MIN_BIN_LENGTH = 3;

export interface BankEntry {
  code: string;
  name: { 'zh-CN': string; en: string };
}

/**
 * BIN lookup and bank names over `data`: the default directory (`@cardbind/core/banks`) is made
 * from the bundled bankcard data; a server that keeps the data elsewhere (Workers static assets)
 * makes one from it when first needed, without the data in its code.
 */
export function createBankDirectory({ banks, cards }: BankData): BankDirectory {
  /**
   * Looks up the issuer of a card number or prefix (≥ 6 digits is reliable).
   * The longest matching BIN wins; when a full number is given, BINs whose
   * card length agrees are preferred. Returns undefined when unknown.
   */
  function lookupBin(cardNumberOrPrefix: string): BinInfo | undefined {
    const digits = cardNumberOrPrefix.replace(/\D/g, '');
    if (digits.length < MIN_BIN_LENGTH) return undefined;
    let best: BankData['cards'][number] | undefined;
    for (const card of cards) {
      if (!digits.startsWith(card.cardBin)) continue;
      const fitsLength = digits.length <= card.len;
      const bestFits = best !== undefined && digits.length <= best.len;
      if (
        !best ||
        (fitsLength && !bestFits) ||
        (fitsLength === bestFits && card.cardBin.length > best.cardBin.length)
      ) {
        best = card;
      }
    }
    if (!best) return undefined;
    return {
      bin: best.cardBin,
      bankCode: best.bankCode,
      bankName: { 'zh-CN': best.bankName, en: BANK_NAMES_EN[best.bankCode] ?? best.bankCode },
      cardType: CARD_KINDS[best.cardType] ?? 'UNKNOWN',
      length: best.len,
    };
  }

  /** A bank's names by its code (`ICBC` → 中国工商银行 / Industrial and Commercial Bank of China). */
  function bankNameOf(bankCode: string): { 'zh-CN': string; en: string } | undefined {
    const bank = banks.find((b) => b.code === bankCode);
    return bank && { 'zh-CN': bank.name, en: BANK_NAMES_EN[bank.code] ?? bank.code };
  }

  /**
   * Every bank of the data set, for a picker: the banks most cards come from
   * first (the order of BANK_NAMES_EN), then the rest by their Chinese name.
   * A bank without an English name shows its Chinese one in both languages.
   */
  function listBanks(): BankEntry[] {
    const common = Object.keys(BANK_NAMES_EN);
    const rank = (code: string) => {
      const i = common.indexOf(code);
      return i === -1 ? common.length : i;
    };
    return [...banks]
      .sort((a, b) => rank(a.code) - rank(b.code) || a.name.localeCompare(b.name, 'zh-CN'))
      .map((b) => ({ code: b.code, name: { 'zh-CN': b.name, en: BANK_NAMES_EN[b.code] ?? b.name } }));
  }
  return { lookupBin, bankNameOf, listBanks };
}
