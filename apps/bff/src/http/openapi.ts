import * as z from 'zod';
import { REFUSALS, type RefusalCode } from '../refusals.js';
import { errorAnswer, webhookEvent } from '../schemas.js';
import { type HeaderSpec, type Route, refusalsOf } from './route.js';
import { REFUSAL_STATUS } from './statuses.js';

/**
 * The OpenAPI 3.1 document of a set of routes, generated from their declarations (the same ones
 * the app mounts and validates with), the schemas converted by zod's own JSON Schema conversion.
 */
export function openApiDocument(routes: readonly Route[], serverUrl: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const operations = paths[route.path] ?? {};
    operations[route.method] = operation(route);
    if (route.guards?.some((g) => g.preflight)) operations.options = preflight();
    paths[route.path] = operations;
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'cardbind BFF',
      version: '0.1.0',
      description:
        'Bank-card verification and binding. Errors are `{error: {code, message}}` with the stable codes listed per response.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: "The merchant's secret API key (server to server)." },
        widgetToken: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'A widget token (ES256).' },
        operatorKey: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The operator key (operatorKeySha256): the instance's figures, every merchant's webhooks and orders.",
        },
      },
      schemas: {
        Error: output(errorAnswer),
        ErrorCode: { enum: Object.keys(REFUSALS) },
        WebhookEvent: {
          ...output(webhookEvent),
          description: 'The payload of a webhook: a compact JWS (typ cardbind-event+jws) signed with the JWKS keys.',
        },
      },
    },
    paths,
  };
}

const input = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
const output = (schema: z.ZodType) => z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });

function operation(route: Route) {
  const properties = (schema: z.ZodType | undefined) =>
    Object.entries((schema ? input(schema).properties : undefined) ?? {}) as [string, unknown][];
  const parameters = [
    ...properties(route.params?.schema).map(([name, schema]) => ({ name, in: 'path', required: true, schema })),
    ...properties(route.query).map(([name, schema]) => ({ name, in: 'query', required: false, schema })),
    ...(Object.entries(route.headers ?? {}) as [string, HeaderSpec][]).map(([name, header]) => ({
      name,
      in: 'header',
      required: true,
      description: header.description,
      schema: input(header.schema),
    })),
  ];
  const answers = Object.entries(route.answers).map(([status, answer]) => [
    status,
    {
      description: answer.description,
      ...('schema' in answer ? { content: { 'application/json': { schema: output(answer.schema) } } } : {}),
      ...('contentType' in answer ? { content: { [answer.contentType]: {} } } : {}),
      ...('redirect' in answer ? { headers: { Location: { schema: { type: 'string', format: 'uri' } } } } : {}),
    },
  ]);
  return {
    summary: route.summary,
    ...(parameters.length ? { parameters } : {}),
    security: route.auth.schemes.map((scheme) => ({ [scheme]: [] })),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: input(route.body) } } } }
      : {}),
    // A status the route answers in its own shape (a readiness probe's 503) is documented as that.
    responses: { ...refusalResponses(refusalsOf(route)), ...Object.fromEntries(answers) },
  };
}

/** The CORS preflight the widget's routes answer for the origins merchants allow. */
function preflight() {
  return {
    summary: 'CORS preflight: answered for the origins some merchant allows.',
    security: [],
    responses: {
      204: { description: 'Allowed: the access-control headers.' },
      ...refusalResponses(['ORIGIN_NOT_ALLOWED']),
    },
  };
}

/** The refusals, grouped by status: each status's answer names its codes. */
function refusalResponses(codes: RefusalCode[]) {
  const byStatus = new Map<number, RefusalCode[]>();
  for (const code of codes) {
    const status = REFUSAL_STATUS[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      String(status),
      {
        description: list.map((code) => `\`${code}\`: ${REFUSALS[code]}`).join(' '),
        content: {
          'application/json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Error' },
                { properties: { error: { properties: { code: { enum: list } } } } },
              ],
            },
          },
        },
      },
    ]),
  );
}
