import type { BankDirectory } from '@cardbind/core/banks/directory';
import type { LOCALES, PRERENDERED_FORMS } from '@cardbind/widget/frame-manifest';
import type { Features, Route } from '../http/route.js';

/** A language the form is written in. */
export type Locale = (typeof LOCALES)[number];

/** A form the frame's page can hold written out (`?form=`). */
export type PrerenderedForm = (typeof PRERENDERED_FORMS)[number];

/** The build's files the BFF serves: the frame's page (per language, and per form written out into it), inline mode's script per language, the loader, the operations page. */
export type BuiltFileName =
  | `frame.${Locale}.html`
  | `frame.${Locale}.${PrerenderedForm}.html`
  | `inline.${Locale}.js`
  | 'cardbind.js'
  | 'ops.js'
  | 'ops.css';

/**
 * Where the BFF's built files come from: the widget's and the operations page's files, the BIN
 * data, the OpenAPI document. By default from this build's modules (`bundledFiles`); the Workers
 * entry reads them from static assets (`fetchedFiles`), so its script does not carry them.
 */
export interface BuiltFiles {
  /** A file's text. */
  text(name: BuiltFileName): Promise<string>;
  /** BIN lookup and bank names. */
  banks(): Promise<BankDirectory>;
  /** The OpenAPI document of `routes` (the ones mounted with `features`), served from `serverUrl`. */
  openApi(routes: readonly Route[], features: Features, serverUrl: string): Promise<unknown>;
}

/** Anything with a `fetch` that answers paths: Workers' static-assets binding, a workerd disk service. */
export interface AssetFetcher {
  fetch(request: Request): Promise<Response>;
}

/** The name of the prebuilt OpenAPI document for `features` (scripts/build-worker.mjs writes one per combination). */
export const openApiFileName = (features: Features) =>
  `openapi.${features.metrics ? 'metrics' : 'no-metrics'}.${features.operations ? 'operations' : 'no-operations'}.json`;

/** The name of the BIN data file (`bankcardData()` as JSON). */
export const BANKS_FILE = 'banks.json';
