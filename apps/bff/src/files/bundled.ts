import { bankDirectory } from '@cardbind/core/banks';
import { OPS_CSS, OPS_JS } from '@cardbind/ops-page/assets';
import { framePage, INLINE_JS, LOADER_SCRIPT, localized } from '@cardbind/widget/frame-assets';
import { openApiDocument } from '../http/openapi.js';
import type { BuiltFileName, BuiltFiles } from './built-files.js';

const pages = new Map<string, string>();

/** The files of this build's modules: what every entry but Workers serves (the text is in the code). */
export const bundledFiles: BuiltFiles = {
  async text(name: BuiltFileName) {
    if (name === 'cardbind.js') return LOADER_SCRIPT;
    if (name === 'ops.js') return OPS_JS;
    if (name === 'ops.css') return OPS_CSS;
    // `frame.<locale>[.<form>].html`, `inline.<locale>.js`
    const [kind, locale = 'zh-CN', form] = name.split('.');
    if (kind !== 'frame') return localized(INLINE_JS, locale);
    // Written once per page (localized keeps the script; the page around it is kept here).
    let page = pages.get(name);
    if (page === undefined) {
      page = framePage(locale, form === 'html' ? undefined : form);
      pages.set(name, page);
    }
    return page;
  },
  banks: async () => bankDirectory,
  openApi: async (routes, _features, serverUrl) => openApiDocument(routes, serverUrl),
};
