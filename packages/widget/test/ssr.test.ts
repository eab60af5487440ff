// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering (Next.js, Nuxt): importing the widget in Node', () => {
  it('the published module imports with no window, document or customElements, and defineElement is a no-op there', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    // What a server bundle resolves: the package's own export, its built file (named through a
    // variable: the typecheck runs before the build, when there is no file to resolve yet).
    const specifier = '@cardbind/widget';
    const widget = (await import(specifier)) as typeof import('../src/loader/index.js');
    expect(typeof widget.mount).toBe('function');
    expect(() => widget.defineElement()).not.toThrow();
  });
});
