import { describe, expect, it } from 'vitest';
import { refusalsOf } from '../../src/http/route.js';
import { REFUSALS } from '../../src/refusals.js';
import { ROUTES } from '../../src/routes/index.js';
import { errorAnswer, sessionAnswer } from '../../src/schemas.js';
import { parse, sandboxedBff } from '../support/bff.js';

const { bff, client } = await sandboxedBff();

describe('OpenAPI 3.1', () => {
  it('is served at /openapi.json, documents every route of the app and every error code', async () => {
    const doc = (await (await client.get('/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
      components: { schemas: { ErrorCode: { enum: string[] } } };
    };
    expect(doc.openapi).toBe('3.1.0');
    const appRoutes = bff.cardbind.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`));
    expect(new Set(documented)).toEqual(new Set(appRoutes));
    expect(doc.components.schemas.ErrorCode.enum.sort()).toEqual(Object.keys(REFUSALS).sort());
    const verification = doc.paths['/v1/verifications']?.post;
    expect(JSON.stringify(verification?.requestBody)).toContain('"consent"');
    expect(Object.keys(verification?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '400', '401', '409', '422', '429']),
    );
    // Every code a route lists is a catalogue code.
    for (const route of ROUTES) for (const code of refusalsOf(route)) expect(REFUSALS).toHaveProperty(code);
    // A refused bind order is a 200 with the order, beside the 201.
    expect(Object.keys(doc.paths['/v1/bind-cards']?.post?.responses ?? {})).toEqual(
      expect.arrayContaining(['200', '201', '409']),
    );
    // The metrics route is mounted only with metrics to serve: not here.
    expect(doc.paths['/metrics']).toBeUndefined();
  });

  it('real answers match the documented schemas', async () => {
    const res = await client.post(
      '/v1/sessions',
      { operations: ['verify3'], origin: 'http://shop.localhost:5173' },
      { authorization: 'Bearer sk_test_cardbind_0123456789abcdef' },
    );
    parse(sessionAnswer, await res.json());
    parse(errorAnswer, await (await client.post('/v1/sessions', '{', {})).json());
  });
});
