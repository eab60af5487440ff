import type { Locale } from '../protocol.js';
import { STRINGS, type Strings } from './i18n.js';

/**
 * The form's strings. In the built frame and inline scripts this module is replaced by one that
 * returns `__CARDBIND_STRINGS__`, a placeholder the BFF replaces with the one locale the page
 * asked for (`?locale=`): a cardholder downloads one language, not both. Here (tests, and any
 * bundle of the source) every locale is at hand.
 */
export const stringsFor = (locale: Locale): Strings => STRINGS[locale];
