/** The aggregated-pay simulator served for one test file, the provider pointed at it, and bind requests. */
import type { BindCardRequest } from '@cardbind/core/contract';
import { createAggregatePayProvider } from '@cardbind/core/providers/aggregate-pay';
import { createAggregatePaySimulator, sandboxProviderConfigs } from '@cardbind/sandbox';
import { HOLDER, serveForSuite } from '../../simulators.js';

/** Serves a simulator for the calling file (closed after it: files share their worker's modules). */
export async function aggregatePayFixture() {
  const simulator = createAggregatePaySimulator({ notifier: { firstDelayMs: 20 } });
  const server = await serveForSuite(simulator.app);
  const config = sandboxProviderConfigs({ 'aggregate-pay': server.url })['aggregate-pay'];
  return { simulator, server, config, provider: createAggregatePayProvider(config) };
}

let seq = 0;
/** Bind requests of the sandbox cardholder, each with a fresh order number, answered to `merchantUrl`. */
export const bindRequests =
  (merchantUrl: string) =>
  (overrides: Partial<BindCardRequest> = {}): BindCardRequest => ({
    orderNo: `BC${Date.now()}${seq++}`,
    userType: 'USER_ID',
    identifyId: 'user-42',
    bankCardType: 'DEBIT',
    bankCode: 'ICBC',
    name: HOLDER.name,
    certType: 'ID',
    certNo: HOLDER.idNumber,
    mobile: HOLDER.phone,
    expiresAt: new Date(Date.now() + 30 * 60_000),
    notifyUrl: `${merchantUrl}/notify`,
    returnUrl: `${merchantUrl}/return`,
    ...overrides,
  });
