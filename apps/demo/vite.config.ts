import { defineConfig, type Plugin } from 'vite';

/**
 * The page's script blocks its first render (where browsers support `blocking="render"`): it mounts
 * the widget, which holds the form's place at once, so nothing on the page moves when the form
 * loads. Vite rewrites the entry's tag and drops the attribute: it is put back here.
 */
const renderBlockingEntry: Plugin = {
  name: 'render-blocking-entry',
  transformIndexHtml: {
    order: 'post',
    handler: (html) =>
      html.replace('<script type="module" crossorigin', '<script type="module" blocking="render" crossorigin'),
  },
};

export default defineConfig({
  plugins: [renderBlockingEntry],
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
});
