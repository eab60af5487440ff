import type { BindUserType } from '@cardbind/core/contract';
import type { Operation } from '../auth/tokens.js';
import { keys } from '../store/keys.js';
import type { Store } from '../store/types.js';

/** How long a link is kept after it expires: its page still shows the way back. */
export const KEPT_AFTER_EXPIRY_MS = 24 * 3_600_000;
/** The longest a link opens (`expiresInSeconds` at most a day). */
const MAX_LIFE_MS = 24 * 3_600_000;

/** A hosted page's session, as the merchant asked for it. */
export interface HostedLink {
  merchant: string;
  operations: Operation[];
  returnUrl: string;
  user?: { userType: BindUserType; identifyId: string };
  locale: 'zh-CN' | 'en';
  merchantName?: string;
  handBackToMiniProgram: boolean;
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Hosted pages' links: each kept under its random id until a day after it expires, and the one
 * browser that opened it (a keyed fingerprint of that browser's secret), claimed once.
 */
export class HostedLinks {
  readonly #store: Store;

  constructor(store: Store) {
    this.#store = store;
  }

  keep(id: string, link: HostedLink, now: number): Promise<void> {
    return this.#store.set(keys.hostedLink(id), JSON.stringify(link), link.expiresAt - now + KEPT_AFTER_EXPIRY_MS);
  }

  async get(id: string): Promise<HostedLink | undefined> {
    const raw = await this.#store.get(keys.hostedLink(id));
    return raw === undefined ? undefined : JSON.parse(raw);
  }

  /** True for the first browser to claim the link: many opening it at once, one wins. */
  claim(id: string, link: HostedLink, browser: string, now: number): Promise<boolean> {
    return this.#store.setIfAbsent(keys.hostedClaim(id), browser, link.expiresAt - now + KEPT_AFTER_EXPIRY_MS);
  }

  claimant(id: string): Promise<string | undefined> {
    return this.#store.get(keys.hostedClaim(id));
  }

  /** A verification answered, or a bind order made, through the link: it ended with a result. */
  finish(id: string): Promise<void> {
    return this.#store.set(keys.hostedFinished(id), '1', MAX_LIFE_MS + KEPT_AFTER_EXPIRY_MS);
  }
}
