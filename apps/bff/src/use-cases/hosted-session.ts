import { toBase64Url } from '@cardbind/core/crypto';
import type { Operation } from '../auth/tokens.js';
import type { Deps } from '../deps.js';
import type { CreateHostedSessionBody, HostedClaimAnswer } from '../hosted-schemas.js';
import type { HostedLink } from '../records/hosted-links.js';
import { Refusal } from '../refusals.js';
import { hostedLinkId } from '../schemas.js';
import { keys } from '../store/keys.js';
import { mustBeAllowed, userRequiredForBind } from './issue-session.js';

/**
 * Hosted pages: a link the merchant's server asks for and hands to an app, a mini program or a
 * browser; the page behind it shows the widget's form and sends the person back to `returnUrl`.
 * Looking at a link never spends it (previews, prefetches); the page's script claims it, and the
 * first browser to do so keeps it (a secret in a cookie of the link's own path): its reload, back
 * button and return from the bank work there, and nowhere else.
 */

/** The form a session's operations ask for; INVALID_REQUEST for a set no form asks for. */
export function hostedForm(operations: readonly Operation[]): Pick<HostedClaimAnswer, 'mode' | 'elements'> {
  const verify = operations.filter((o) => o !== 'bind');
  const bind = operations.includes('bind');
  const elements = verify.length === 1 ? (Number(verify[0]?.slice(-1)) as 2 | 3 | 4) : undefined;
  if (verify.length === 0 && bind) return { mode: 'bind', elements: 3 };
  // The bank's page takes name, ID and mobile: verify-then-bind always asks all four.
  if (elements && bind && elements !== 2) return { mode: 'verify-then-bind', elements: 4 };
  if (elements && !bind) return { mode: 'verify', elements };
  throw new Refusal('INVALID_REQUEST', {
    details: {
      issues: [
        {
          path: 'operations',
          code: 'one_form',
          message: 'one of verify2, verify3, verify4; bind; verify3 or verify4 with bind',
        },
      ],
    },
  });
}

const hostedUrl = (deps: Deps, id: string) => `${deps.config.publicUrl.replace(/\/$/, '')}/hosted/${id}`;

export async function createHostedSession(deps: Deps, merchant: string, body: CreateHostedSessionBody) {
  mustBeAllowed(deps, merchant, 'returnUrl', body.returnUrl);
  hostedForm(body.operations);
  if (body.operations.includes('bind') && !body.user) throw userRequiredForBind();
  const id = `hs_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  const now = deps.now();
  const link: HostedLink = {
    merchant,
    operations: body.operations,
    returnUrl: body.returnUrl,
    locale: body.locale,
    handBackToMiniProgram: body.handBackToMiniProgram,
    expiresAt: now + body.expiresInSeconds * 1000,
    ...(body.user ? { user: body.user } : {}),
    ...(body.merchantName ? { merchantName: body.merchantName } : {}),
  };
  await deps.hostedLinks.keep(id, link, now);
  // Sent when the link expires, unless a result came through it first: the merchant's server is
  // never left waiting for a person who did not come back.
  const expiresAt = Math.floor(link.expiresAt / 1000);
  await deps.outbox.enqueue(
    { type: 'hosted_session.expired', merchant, id: `evt_${id}_expired`, data: { id, expiresAt } },
    { at: link.expiresAt, unless: keys.hostedFinished(id) },
  );
  return { id, url: hostedUrl(deps, id), expiresAt };
}

/** Why a link no longer opens here: another browser has it, it expired, or it never was. */
export type GoneReason = 'used' | 'expired' | 'unknown';
export type HostedView =
  | { kind: 'open'; link: HostedLink; claimed: boolean }
  | { kind: 'gone'; reason: GoneReason; link?: HostedLink };

const browserOf = (deps: Deps, secret: string) => deps.fingerprints.fingerprint('hosted-browser', secret);

/** What opening the link shows this browser (`secret`: its cookie, if it has one). Spends nothing. */
export async function lookAtHostedLink(deps: Deps, id: string, secret: string | undefined): Promise<HostedView> {
  if (!hostedLinkId.safeParse(id).success) return { kind: 'gone', reason: 'unknown' };
  const [link, claimant] = await Promise.all([deps.hostedLinks.get(id), deps.hostedLinks.claimant(id)]);
  if (!link) return { kind: 'gone', reason: 'unknown' };
  if (deps.now() >= link.expiresAt) return { kind: 'gone', reason: 'expired', link };
  if (claimant !== undefined && (secret === undefined || claimant !== browserOf(deps, secret))) {
    return { kind: 'gone', reason: 'used', link };
  }
  return { kind: 'open', link, claimed: claimant !== undefined };
}

/**
 * The page's script opening its link: a widget token for its form, and for the first browser, the
 * secret that keeps the link its own. Anyone else: HOSTED_LINK_GONE (with the reason).
 */
export async function claimHostedLink(
  deps: Deps,
  id: string,
  secret: string | undefined,
): Promise<{ answer: HostedClaimAnswer; secret?: string; expiresAt: number }> {
  const view = await lookAtHostedLink(deps, id, secret);
  if (view.kind === 'gone') throw new Refusal('HOSTED_LINK_GONE', { details: { reason: view.reason } });
  const { link } = view;
  let kept: string | undefined;
  // Open and claimed: by this browser (its secret matched). Not yet claimed: this one tries.
  if (!view.claimed) {
    kept = toBase64Url(crypto.getRandomValues(new Uint8Array(24)));
    // Many opening it at once: one wins; the others are another browser.
    if (!(await deps.hostedLinks.claim(id, link, browserOf(deps, kept), deps.now()))) {
      throw new Refusal('HOSTED_LINK_GONE', { details: { reason: 'used' } });
    }
  }
  const { token } = await deps.tokens.issue({
    sub: link.merchant,
    ops: link.operations,
    // The page is on the BFF's origin; a bind comes back to it from the bank.
    origin: new URL(deps.config.publicUrl).origin,
    returnUrl: hostedUrl(deps, id),
    hosted: id,
    ...(link.user ? { user: link.user } : {}),
  });
  const answer: HostedClaimAnswer = {
    token,
    ...hostedForm(link.operations),
    locale: link.locale,
    ...(link.merchantName ? { merchantName: link.merchantName } : {}),
  };
  return { answer, expiresAt: link.expiresAt, ...(kept ? { secret: kept } : {}) };
}
