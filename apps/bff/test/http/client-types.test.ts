import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JS, without declarations
import { CLIENT_TYPES, generateClientTypes } from '../../scripts/client-types.mjs';

it("@cardbind/client's generated types are what openapi-typescript makes of the current OpenAPI document", async () => {
  const committed = await readFile(CLIENT_TYPES as string, 'utf8');
  const fresh = (await generateClientTypes()) as string;
  // On a difference: `pnpm --filter @cardbind/bff generate:client`, and review the API change it shows.
  expect(committed === fresh).toBe(true);
});
