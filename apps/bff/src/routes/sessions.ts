import { setAnswerHeader } from '../http/answers.js';
import { route } from '../http/route.js';
import { anyone, merchantKey } from '../middleware/auth.js';
import { createSessionBody, jwksAnswer, sessionAnswer } from '../schemas.js';
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

export const sessionRoutes = [createSession, jwks];
