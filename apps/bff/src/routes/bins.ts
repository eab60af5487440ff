import { listBanks, lookupBin } from '@cardbind/core/bin';
import type { Hono } from 'hono';
import type { Deps } from '../deps.js';
import { ApiError } from '../errors.js';
import { json, setAnswerHeader } from '../middleware/answer-headers.js';
import { requireWidget } from '../middleware/auth.js';

/**
 * GET /v1/bins/:prefix — bank and card type for the widget, from 6–8 leading digits;
 * GET /v1/banks — every bank with its names, the common ones first (the bind form's picker).
 */
export function binRoutes(app: Hono, deps: Deps): void {
  let banks: ReturnType<typeof listBanks> | undefined;
  app.get('/v1/banks', async (c) => {
    await requireWidget(c, deps, 'bind');
    banks ??= listBanks();
    setAnswerHeader(c, 'cache-control', 'private, max-age=86400');
    return json(c, { banks });
  });

  app.get('/v1/bins/:prefix', async (c) => {
    await requireWidget(c, deps);
    const prefix = c.req.param('prefix');
    if (!/^\d{6,8}$/.test(prefix))
      throw new ApiError('INVALID_REQUEST', { details: { issues: [{ path: 'prefix', code: 'six_to_eight_digits' }] } });
    const info = lookupBin(prefix);
    if (!info) throw new ApiError('NOT_FOUND');
    setAnswerHeader(c, 'cache-control', 'private, max-age=3600');
    return json(c, { bankCode: info.bankCode, bankName: info.bankName, cardType: info.cardType, length: info.length });
  });
}
