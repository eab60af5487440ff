/**
 * What ping.ts (the page's first script) leaves for the form's script (main.tsx): messages that
 * reached the frame before the form's script listened (the loader's first token, sent in answer to
 * ping.ts's `rendered`), and whether the form's script started.
 */
export interface EarlyMessages {
  /** Messages that came before the form's script. */
  events: MessageEvent[];
  /** The listener that keeps them, for the form's script to remove. */
  keep: (event: MessageEvent) => void;
  /** The form's script has started (it set this): ping.ts reports a script that never did. */
  started?: true;
}

/** The window property where the form's script finds them. */
export const EARLY = 'cardbindEarly';
