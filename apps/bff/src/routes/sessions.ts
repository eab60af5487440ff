import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { anyone, merchantKey, widgetToken } from '../middleware/auth.js';
import { WIDGET_GUARDS } from '../middleware/widget-routes.js';
import { recipientsFor } from '../providers/recipients.js';
import { createSessionBody, jwksAnswer, sessionAnswer, widgetSessionAnswer } from '../schemas.js';
import { issueSession } from '../use-cases/issue-session.js';

/** `POST /v1/sessions` (merchant API key) → a short-lived widget token. */
export const createSession = route({
  method: 'post',
  path: '/v1/sessions',
  summary: 'Create a widget session (server to server).',
  auth: merchantKey,
  body: createSessionBody,
  answers: { 201: { schema: sessionAnswer, description: 'A short-lived ES256 widget token.' } },
  refusals: ['ORIGIN_NOT_ALLOWED', 'INVALID_REQUEST'],
})(async ({ deps, caller, body }) => ({ status: 201, body: await issueSession(deps, caller, body) }));

/**
 * `GET /v1/session` (widget token): what the token allows and until when. The form asks as it
 * loads, so a token the BFF refuses (expired, forged, for another origin) is reported then, not at
 * the cardholder's first submit.
 */
export const widgetSession = route({
  method: 'get',
  path: '/v1/session',
  summary:
    "The widget token's session: its operations, expiry and the companies its verifications may reach (the form checks its token with it as it loads, and names them in the consent).",
  guards: WIDGET_GUARDS,
  auth: widgetToken(),
  answers: { 200: { schema: widgetSessionAnswer, description: 'The session the token carries.' } },
})(({ caller, deps }) => {
  const recipients = recipientsFor(deps.config, caller.ops);
  return {
    status: 200,
    body: { operations: caller.ops, expiresAt: caller.exp, ...(recipients ? { recipients } : {}) },
  };
});

/** The public keys of widget tokens and webhook signatures. */
export const jwks = route({
  method: 'get',
  path: '/.well-known/jwks.json',
  summary: 'Public keys for widget tokens and webhook signatures.',
  auth: anyone,
  answers: { 200: { schema: jwksAnswer, description: 'The JWKS; retired keys stay until they expire.' } },
})(async ({ c, deps }) => {
  setAnswerHeader(c, 'cache-control', 'public, max-age=300');
  return { status: 200, body: await deps.tokens.jwks() };
});

export const sessionRoutes = [createSession, widgetSession, jwks];
