import { bodyCases } from './bodies.js';
import type { Case, CorpusContext } from './cases.js';
import { credentialCases } from './credentials.js';
import { routeCases } from './routes.js';

export type { Case, CorpusContext };

/**
 * A generated corpus of malformed requests to every route, each with the error codes it may get
 * (fast-check, a fixed seed: the same corpus on every run).
 */
export async function malformedCorpus(ctx: CorpusContext): Promise<Case[]> {
  const cases: Case[] = [];
  bodyCases(ctx, cases);
  await credentialCases(ctx, cases);
  await routeCases(ctx, cases);
  return cases;
}
