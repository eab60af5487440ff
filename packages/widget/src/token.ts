/**
 * The page origin a widget token is for (its `origin` claim), read without
 * verifying: the frame uses it only to pick whose messages to accept; the
 * BFF verifies the token on every call.
 */
export function tokenOrigin(token: string): string | undefined {
  try {
    const payload = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { origin?: unknown };
    return typeof claims.origin === 'string' ? claims.origin : undefined;
  } catch {
    return undefined;
  }
}
