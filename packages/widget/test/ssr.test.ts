// @vitest-environment node
import { describe, expect, it } from 'vitest';

describe('server-side rendering (Next.js, Nuxt): importing the widget in Node', () => {
  it('the published module imports with no window, document or customElements, and defineElement is a no-op there', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    expect(typeof (globalThis as { customElements?: unknown }).customElements).toBe('undefined');
    // What a server bundle resolves: the package's own export, its built file.
    const widget = await import('@cardbind/widget');
    expect(typeof widget.mount).toBe('function');
    expect(() => widget.defineElement()).not.toThrow();
  });
});
