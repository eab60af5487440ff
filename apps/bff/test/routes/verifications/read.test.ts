import { describe, expect, it } from 'vitest';
import { sandboxedBff } from '../../support/bff.js';
import { API_KEY, VERIFY3 as verification } from '../../support/sandbox.js';

const { client } = await sandboxedBff();

describe('GET /v1/verifications/{id}', () => {
  it("the merchant's server reads a verification back with its API key; nobody else can", async () => {
    const token = await client.session();
    const answer = (await (await client.verify(token, verification)).json()) as { id: string; card: string };
    const read = await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${API_KEY}` });
    expect(read.status).toBe(200);
    const record = (await read.json()) as Record<string, unknown>;
    expect(record).toMatchObject({ id: answer.id, kind: 3, card: answer.card, outcome: { status: 'verified' } });
    expect(Object.keys(record).sort()).toEqual(['card', 'createdAt', 'id', 'kind', 'outcome']);
    expect(Date.parse(record.createdAt as string)).toBeGreaterThan(Date.now() - 60_000);
    // The widget token that made it cannot read it, a made-up id is a plain 404, and so is a malformed one.
    expect((await client.get(`/v1/verifications/${answer.id}`, { authorization: `Bearer ${token}` })).status).toBe(401);
    const unknown = await client.get(`/v1/verifications/ver_${'0'.repeat(32)}`, {
      authorization: `Bearer ${API_KEY}`,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('VERIFICATION_NOT_FOUND');
    const malformed = await client.get('/v1/verifications/..%2Fsessions', { authorization: `Bearer ${API_KEY}` });
    expect(malformed.status).toBe(404);
  });
});
