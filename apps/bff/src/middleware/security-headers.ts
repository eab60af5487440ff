/**
 * On every answer: browsers must not sniff a JSON error or the ticket page
 * into something else. Routes that serve HTML add their own CSP. Not a
 * middleware of its own: the answer headers start from these (one layer
 * fewer on every request), set before the answer exists, so every answer
 * (errors included) takes them.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = { 'x-content-type-options': 'nosniff' };

/**
 * The CSP of the pages the BFF serves from its own files (the widget's frame, the operations
 * page): their own script, styles and API, nothing inline but the one stylesheet whose hash is
 * given, no forms, framed only by `frameAncestors`.
 */
export const ownFilesPageCsp = (
  frameAncestors: string,
  inlined: { styleSha256?: string; scriptSha256?: readonly string[] } = {},
) =>
  [
    "default-src 'none'",
    // An inlined script or stylesheet only by its hash: no 'unsafe-inline'.
    inlined.scriptSha256
      ? `script-src ${inlined.scriptSha256.map((h) => `'sha256-${h}'`).join(' ')}`
      : "script-src 'self'",
    inlined.styleSha256 ? `style-src 'self' 'sha256-${inlined.styleSha256}'` : "style-src 'self'",
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ');
