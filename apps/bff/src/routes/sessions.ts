import type { Hono } from 'hono';
import { jsonBody } from '../body.js';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import { requireMerchant } from '../middleware/auth.js';
import { createSessionBody } from '../schemas.js';

/** POST /v1/sessions (merchant API key) → a short-lived widget token; GET /.well-known/jwks.json. */
export function sessionRoutes(app: Hono, deps: Deps): void {
  app.post('/v1/sessions', async (c) => {
    const merchantId = await requireMerchant(c, deps);
    const body = await jsonBody(c, createSessionBody);
    const merchant = deps.config.merchants.find((m) => m.id === merchantId);
    const allowed = new Set(merchant?.allowedOrigins.map((o) => new URL(o).origin));
    const origin = new URL(body.origin).origin;
    if (!allowed.has(origin)) throw new ApiError('ORIGIN_NOT_ALLOWED');
    if (body.returnUrl && !allowed.has(new URL(body.returnUrl).origin)) throw new ApiError('ORIGIN_NOT_ALLOWED');
    if (body.operations.includes('bind') && (!body.user || !body.returnUrl)) {
      throw new ApiError('INVALID_REQUEST', { details: { issues: [{ path: 'user', code: 'required_for_bind' }] } });
    }
    const { token, expiresAt } = await deps.tokens.issue({
      sub: merchantId,
      ops: body.operations,
      origin,
      ...(body.returnUrl ? { returnUrl: body.returnUrl } : {}),
      ...(body.user ? { user: body.user } : {}),
    });
    return json(c, { token, expiresAt }, 201);
  });

  app.get('/.well-known/jwks.json', async (c) => {
    setAnswerHeader(c, 'cache-control', 'public, max-age=300');
    return json(c, await deps.tokens.jwks());
  });
}
