import type { Guard } from '../http/route.js';
import { widgetCors } from './cors.js';
import { browserIpLimit } from './ip-limit.js';

/**
 * The guards of every route the widget calls from the cardholder's browser: CORS for the
 * merchants' origins (refusals included, so the page can read them), then the per-IP limit.
 */
export const WIDGET_GUARDS: readonly Guard[] = [widgetCors, browserIpLimit];
