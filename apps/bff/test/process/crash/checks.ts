import { expect } from 'vitest';
import { type Client, eventually } from '../../support/bff.js';
import type { startWebhookReceiver } from '../../support/browser.js';
import { API_KEY } from '../../support/sandbox.js';
import { type CrashSandbox, type Sent, send } from './workload.js';

/** What the crash tests promise, each checked against what the simulators saw and counted for the table. */

const api = { authorization: `Bearer ${API_KEY}` };

/** Every acknowledged verification is readable with its outcome, and replayed with no provider call. */
export async function checkAcknowledged(client: Client, crash: CrashSandbox, sent: Sent[]) {
  const acknowledged = sent.filter((s) => s.kind === 'verify' && s.status === 200);
  let lost = 0;
  let replayedFree = 0;
  for (const s of acknowledged) {
    const record = (await (await client.get(`/v1/verifications/${String(s.json?.id)}`, api)).json()) as {
      outcome?: unknown;
    };
    if (record.outcome === undefined) lost++;
    else expect(record.outcome).toEqual(s.json?.outcome);
    const calls = crash.callsFor(s.card);
    const replay = await client.post('/v1/verifications', s.body, { authorization: `Bearer ${s.token}`, ...s.headers });
    if (replay.headers.get('idempotent-replayed') === 'true' && crash.callsFor(s.card) === calls) {
      expect(await replay.json()).toEqual(s.json);
      replayedFree++;
    }
  }
  expect(lost).toBe(0);
  expect(replayedFree).toBe(acknowledged.length);
  return { acknowledged: acknowledged.length, lost, 'replays without a call': replayedFree };
}

/**
 * The verifications the kill left unanswered, sent again with the same key and body (as a client
 * library does). None may reach the provider a second time unless its answer says the first is
 * unknown (a silent second charge); one that had reached it gets the stored answer or
 * OUTCOME_UNKNOWN. `inDoubt` collects the ids of the OUTCOME_UNKNOWN answers.
 */
export async function resendVerifications(client: Client, crash: CrashSandbox, sent: Sent[], inDoubt: string[]) {
  const unanswered = sent.filter((s) => s.kind === 'verify' && s.status === undefined);
  const counts = { reached: 0, replayed: 0, unknown: 0, fresh: 0, secondCalls: 0, silent: 0 };
  for (const s of unanswered) {
    const before = crash.callsFor(s.card);
    if (before > 0) counts.reached++;
    const again = await send(client, { ...s });
    expect(again.status).toBe(200);
    const outcome = again.json?.outcome as { reason: string; charged: unknown };
    if (outcome.reason === 'OUTCOME_UNKNOWN') {
      expect(outcome.charged).toBe('unknown');
      inDoubt.push(String(again.json?.id));
      counts.unknown++;
    } else if (before > 0) counts.replayed++;
    else counts.fresh++;
    if (before > 0 && crash.callsFor(s.card) > before) {
      counts.secondCalls++;
      if (outcome.reason !== 'OUTCOME_UNKNOWN') counts.silent++;
    }
  }
  expect(counts.secondCalls).toBe(0);
  expect(counts.silent).toBe(0);
  return {
    unanswered: unanswered.length,
    'reached the provider': counts.reached,
    'resent: replayed': counts.replayed,
    'resent: OUTCOME_UNKNOWN': counts.unknown,
    'resent: first call': counts.fresh,
    'second calls': counts.secondCalls,
    'silent second charges': counts.silent,
  };
}

/**
 * The bind creates the kill left unanswered, sent again with the same token and body: each gets the
 * order it made (the way to the bank, its failure, or that its bank page was lost), or, if it never
 * reached the provider, a first order; never TOKEN_USED, never a second order at the provider.
 */
export async function resendBinds(client: Client, crash: CrashSandbox, sent: Sent[]) {
  const unanswered = sent.filter((s) => s.kind === 'bind' && s.status === undefined);
  const orders = () => crash.sandbox.aggregate.orders();
  const answers: Record<string, number> = {};
  for (const s of unanswered) {
    const before = new Set(orders().map((o) => o.orderNo));
    const again = await send(client, { ...s });
    const error = again.json?.error as { code?: string; details?: { order?: { orderNo?: string } } } | undefined;
    const label = error?.code ? `${again.status} ${error.code}` : String(again.status);
    answers[label] = (answers[label] ?? 0) + 1;
    expect(label).toMatch(/^(200|201|409 BIND_PAGE_LOST)$/);
    const orderNo = String(again.json?.orderNo ?? error?.details?.order?.orderNo);
    const made = orders().length - before.size;
    // A resend makes an order at the provider only when its first attempt made none.
    if (before.has(orderNo)) expect(made).toBe(0);
    else expect({ status: again.status, made }).toEqual({ status: 201, made: 1 });
  }
  return {
    'bind creates unanswered': unanswered.length,
    'resent binds': Object.entries(answers)
      .map(([k, v]) => `${v}× ${k}`)
      .join(', '),
  };
}

/**
 * Every bind order, read back once a create could no longer be running: each one the provider has
 * is in the state the provider gives it, and none of ours (those that never reached it included)
 * is left CREATED. Returns the count by state.
 */
export async function checkBindOrders(client: Client, crash: CrashSandbox) {
  const atProvider = new Map(crash.sandbox.aggregate.orders().map((o) => [o.orderNo, o.status]));
  const states: Record<string, number> = {};
  let page: { data: { orderNo: string }[]; hasMore: boolean } = { data: [], hasMore: true };
  let listed = 0;
  while (page.hasMore) {
    const after = page.data.at(-1)?.orderNo;
    page = await (await client.get(`/v1/bind-cards?limit=100${after ? `&startingAfter=${after}` : ''}`, api)).json();
    for (const { orderNo } of page.data) {
      listed++;
      const view = (await (await client.get(`/v1/bind-cards/${orderNo}`, api)).json()) as { status: string };
      states[view.status] = (states[view.status] ?? 0) + 1;
      const there = atProvider.get(orderNo);
      if (there) expect(view.status).toBe(there === 'PROCESSING' ? 'PENDING' : there);
      else expect(view.status).toBe('FAIL');
    }
  }
  expect(atProvider.size).toBeGreaterThan(0);
  expect(listed).toBeGreaterThanOrEqual(atProvider.size);
  expect(states.CREATED ?? 0).toBe(0);
  return { orders: listed, 'at the provider': atProvider.size, ...states };
}

/** What the OUTCOME_UNKNOWN answers said, the read-back and the webhook say too. */
export async function checkInDoubtTold(
  client: Client,
  ids: string[],
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>,
) {
  for (const id of ids) {
    const record = (await (await client.get(`/v1/verifications/${id}`, api)).json()) as { outcome: { reason: string } };
    expect(record.outcome.reason).toBe('OUTCOME_UNKNOWN');
    const event = await eventually(() => receiver.received.find((r) => r.id === `evt_${id}`), 15_000);
    const payload = JSON.parse(Buffer.from(event.jws.split('.')[1] ?? '', 'base64url').toString()) as {
      data: { outcome: { reason: string; charged: unknown } };
    };
    expect(payload.data.outcome).toMatchObject({ reason: 'OUTCOME_UNKNOWN', charged: 'unknown' });
  }
}

/** Sums a column of the rounds' table. */
export const total = (table: Record<string, unknown>[], column: string) =>
  table.reduce((sum, row) => sum + Number(row[column] ?? 0), 0);

/** A round's counts: what was acknowledged is there, and what the kill left unanswered is answered on resending. */
export async function checkRound(client: Client, crash: CrashSandbox, sent: Sent[], inDoubt: string[]) {
  return {
    ...(await checkAcknowledged(client, crash, sent)),
    ...(await resendVerifications(client, crash, sent, inDoubt)),
    ...(await resendBinds(client, crash, sent)),
  };
}

/** What a crash test ran: its client, sandbox, the in-doubt verifications, the webhook receiver, a row per round. */
export interface CrashRun {
  client: Client;
  crash: CrashSandbox;
  inDoubt: string[];
  receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  table: Record<string, unknown>[];
}

/**
 * After the rounds: every bind order reconciled, every in-doubt outcome told, the table printed
 * under `title`; and the rounds did what they are for (resent verifications answered
 * OUTCOME_UNKNOWN, bind creates cut off).
 */
export async function checkEnd({ client, crash, inDoubt, receiver, table }: CrashRun, title: string) {
  const orders = await checkBindOrders(client, crash);
  await checkInDoubtTold(client, inDoubt, receiver);
  console.log(`\n${title}, per round:`);
  console.table(table);
  console.log('Bind orders at the provider, by state after reconciliation:', orders);
  expect(total(table, 'resent: OUTCOME_UNKNOWN')).toBeGreaterThan(0);
  expect(total(table, 'bind creates unanswered')).toBeGreaterThan(0);
}
