/** Only the BFF's one-time bank redirect (`<bff>/r/<ticket>`) may move the merchant's window. */
export function isBankRedirect(url: string, bffOrigin: string): boolean {
  try {
    const target = new URL(url);
    return target.origin === bffOrigin && /^(?:\/[^/?#]+)*\/r\/[\w-]+$/.test(target.pathname) && !target.search;
  } catch {
    return false;
  }
}
