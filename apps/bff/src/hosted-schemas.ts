import * as z from 'zod';
import { bindUser, hostedLinkId, operation, webUrl } from './schemas.js';

/** The hosted page's shapes (routes/hosted.ts), beside the rest of the API's in schemas.ts. */

/** A hosted page's session: the operations, where the person goes back, in which language, for how long. */
export const createHostedSessionBody = z.strictObject({
  operations: z.array(operation).min(1),
  returnUrl: webUrl,
  user: bindUser.optional(),
  locale: z.enum(['zh-CN', 'en']).default('zh-CN'),
  /** Named in the consent text (as the widget's `merchantName`). */
  merchantName: z.string().min(1).max(64).optional(),
  /** 30 minutes unless said; at most a day. */
  expiresInSeconds: z.number().int().min(60).max(86_400).default(1800),
  /** In a WeChat or Alipay mini program's web-view: hand the result back to the mini program (else returnUrl). */
  handBackToMiniProgram: z.boolean().default(false),
});
export const hostedSessionAnswer = z.object({
  id: hostedLinkId,
  /** The page to open: single use (the first browser to open it keeps it), until `expiresAt`. */
  url: z.string(),
  expiresAt: z.number().int(),
});
/** What the hosted page's browser gets when it opens its link: a widget token and the form to show. */
export const hostedClaimAnswer = z.object({
  token: z.string(),
  mode: z.enum(['verify', 'bind', 'verify-then-bind']),
  elements: z.union([z.literal(2), z.literal(3), z.literal(4)]),
  locale: z.enum(['zh-CN', 'en']),
  merchantName: z.string().optional(),
});

export type CreateHostedSessionBody = z.output<typeof createHostedSessionBody>;
export type HostedClaimAnswer = z.output<typeof hostedClaimAnswer>;
