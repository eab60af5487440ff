import { useEffect } from 'preact/hooks';
import type { Locale } from '../protocol.js';
import type { Api, BindOrder, Refusal } from './api.js';
import type { BinBank, FrameEvent } from './state.js';

/**
 * The bank and card type of the card's first 8 digits, once there are 8 (the person can still
 * change a bind's choice). A lookup overtaken by a new prefix is dropped; a refused one goes to
 * `refused` (a card with no known BIN is not a refusal: the bank is then chosen by hand).
 */
export function useBinLookup(
  api: Api,
  prefix: string | undefined,
  locale: Locale,
  fillChoice: boolean,
  dispatch: (event: FrameEvent) => void,
  refused: (error: Refusal) => void,
): void {
  useEffect(() => {
    if (!prefix) {
      dispatch({ type: 'binFound', bank: undefined, fillChoice: false });
      return;
    }
    let live = true;
    void api.bin(prefix).then((r) => {
      if (!live) return;
      if (!r.ok) {
        if (r.body.error.code !== 'NOT_FOUND') refused(r.body.error);
        return;
      }
      const bank: BinBank = {
        code: r.body.bankCode,
        name: r.body.bankName[locale],
        type: r.body.cardType === 'CREDIT' ? 'CREDIT' : 'DEBIT',
      };
      dispatch({ type: 'binFound', bank, fillChoice });
    });
    return () => {
      live = false;
    };
  }, [prefix]);
}

/**
 * Back from the bank: the order the page came back with, read until it is final (every second),
 * then handed to `done`; a read that fails ends it with its error.
 */
export function useOrderPolling(
  api: Api,
  orderNo: string | undefined,
  done: (order: BindOrder | undefined, error?: Refusal) => void,
): void {
  useEffect(() => {
    if (!orderNo) return;
    let live = true;
    const poll = async () => {
      const r = await api.order(orderNo);
      if (!live) return;
      if (!r.ok) return done(undefined, r.body.error);
      if (r.body.status === 'SUCCESS' || r.body.status === 'FAIL') return done(r.body);
      setTimeout(poll, 1000);
    };
    void poll();
    return () => {
      live = false;
    };
  }, []);
}
