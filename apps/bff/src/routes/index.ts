import { type Route, route } from '../http/route.js';
import { anyone } from '../middleware/auth.js';
import { bankRedirectRoutes } from './bank-redirect.js';
import { bindCardRoutes } from './bind-cards.js';
import { binRoutes } from './bins.js';
import { healthRoutes } from './health.js';
import { hostedRoutes } from './hosted.js';
import { metricsRoutes } from './metrics.js';
import { notificationRoutes } from './notifications.js';
import { operationsRoutes } from './operations.js';
import { sessionRoutes } from './sessions.js';
import { verificationRoutes } from './verifications.js';
import { webhookEventRoutes } from './webhook-events.js';
import { widgetRoutes } from './widget.js';

/** `GET /openapi.json`: this app's document, made from the routes it mounted. */
export const openApiRoute = route({
  method: 'get',
  path: '/openapi.json',
  summary: 'This document.',
  auth: anyone,
  answers: { 200: { contentType: 'application/json', description: 'OpenAPI 3.1.' } },
})(async ({ c, deps }) => ({ response: c.json(await deps.openApiDocument()) }));

/** Every route of the BFF, one module per resource (each declares its routes): what the app mounts. */
export const ROUTES: readonly Route[] = [
  ...healthRoutes,
  ...sessionRoutes,
  ...verificationRoutes,
  ...binRoutes,
  ...bindCardRoutes,
  ...bankRedirectRoutes,
  ...hostedRoutes,
  ...notificationRoutes,
  ...webhookEventRoutes,
  ...widgetRoutes,
  ...metricsRoutes,
  ...operationsRoutes,
  openApiRoute,
];
