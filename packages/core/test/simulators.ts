/**
 * The sandbox's simulators as fixtures for the providers' tests: each is served over real HTTP on
 * loopback, speaks its provider's wire format and checks its signatures.
 */
import { SANDBOX_HOLDER, SCENARIO_CARDS, type Scenario } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';
import { afterThis } from '../../../scripts/test-processes/track.js';
import { type CallContextOptions, createCallContext } from '../src/contract/index.js';

/** Serves a simulator on a real loopback port for the file's tests; closed after them. */
export async function serveForSuite(app: { fetch: (request: Request) => Response | Promise<Response> }) {
  const server = await listen(app.fetch);
  afterThis(() => server.close());
  return server;
}

export function ctx(options: CallContextOptions = {}) {
  return createCallContext({ timeoutMs: 5_000, ...options });
}

/** The sandbox's first cardholder with his card. */
export const HOLDER = SANDBOX_HOLDER;
/** A request's card for a sandbox scenario (its card number decides what the simulator answers). */
export const card = (s: Scenario) => ({ cardNumber: SCENARIO_CARDS[s] });
