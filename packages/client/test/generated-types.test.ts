import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
// @ts-expect-error: a build script in plain JS, without declarations
import { generateApiTypes } from '../scripts/api-types.mjs';

it("src/generated/api.ts is what openapi-typescript makes of the BFF's current OpenAPI document", async () => {
  const committed = await readFile(new URL('../src/generated/api.ts', import.meta.url), 'utf8');
  const fresh = (await generateApiTypes()) as string;
  // On a difference: `pnpm --filter @cardbind/client generate`, and review the API change it shows.
  expect(committed === fresh).toBe(true);
});
