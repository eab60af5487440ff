import { createOutcome } from '@cardbind/core/outcome';
import { Client, startBff } from './bff.js';
import { startWebhookReceiver, throughBank } from './browser.js';
import { BIND_BODY, baseConfig, sendingWebhooksTo, startSandbox } from './sandbox.js';

/** Event payloads as the BFF makes them (their shape is the schemas'). */
export const VERIFICATION_DATA = {
  id: `ver_${'0'.repeat(32)}`,
  card: '622202*********1008',
  outcome: createOutcome('VERIFIED', { charged: true }),
};
export const ORDER_DATA = {
  orderNo: 'BC0000000000000000',
  status: 'SUCCESS' as const,
  bankCode: 'ICBC',
  bankCardType: 'DEBIT' as const,
  createdAt: new Date(0).toISOString(),
  updatedAt: new Date(0).toISOString(),
};

/** Webhook delivery for tests: retries tens of milliseconds apart, four attempts. */
export const FAST_WEBHOOKS = { retryBaseMs: 40, retryMaxMs: 1_000, maxAttempts: 4, pollMs: 20 };

/**
 * A BFF that sends the merchant every event (verification results too) to a receiver, with fast
 * retries, beside a sandbox whose bank notifies every order twice and out of order; `bind` takes an
 * order through the bank and returns its number once the bank's notifications are sent.
 */
export async function startWebhookBff() {
  const sandbox = await startSandbox({ aggregate: { notifyChaos: true } });
  const receiver = await startWebhookReceiver();
  const bff = await startBff(async (url) => {
    const config = sendingWebhooksTo(await baseConfig(sandbox, url), receiver.url);
    return { ...config, webhooks: FAST_WEBHOOKS };
  });
  const client = new Client(bff.url);
  async function bind(decision: 'approve' | 'decline') {
    const token = await client.session();
    const res = await client.post('/v1/bind-cards', BIND_BODY, { authorization: `Bearer ${token}` });
    const created = (await res.json()) as { orderNo: string; redirectUrl: string };
    await throughBank(created.redirectUrl, decision, sandbox);
    return created.orderNo;
  }
  return { sandbox, receiver, bff, client, bind };
}
