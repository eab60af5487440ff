import type { Config } from '../config/schema.js';
import type { OperationsReader } from '../middleware/auth.js';
import { type BindOrder, type OrderRepository, orderView } from '../records/orders.js';
import type { OperationsSummary } from '../schemas.js';
import { type EventRecord, eventView } from '../webhooks/events.js';
import type { WebhookOutbox } from '../webhooks/outbox.js';
import { type DayCounts, dayOf, LATENCY_BUCKETS_MS, latencyQuantile, type OperationsStats } from './stats.js';

const DAY_MS = 86_400_000;
/** Dead events and recent orders shown, at most. */
const DEAD_SHOWN = 50;
const ORDERS_SHOWN = 20;

/** What the page shows of a provider, and of its calls on one day (schemas.ts `operationsSummary`). */
type ProviderSummary = NonNullable<OperationsSummary['providers']>[number];
type SpendRow = Omit<ProviderSummary['daily'][number], 'day'>;

interface Sources {
  config: Config;
  stats: OperationsStats;
  outbox: WebhookOutbox;
  orders: OrderRepository;
  now: number;
}

const spendRow = (counts: DayCounts | undefined, provider: string, price: number | undefined): SpendRow => {
  const row = { calls: 0, paid: 0, chargeUnknown: 0 };
  for (const [key, n] of Object.entries(counts?.calls ?? {})) {
    const [p, , , charged] = key.split('|');
    if (p !== provider) continue;
    row.calls += n;
    if (charged === 'true') row.paid += n;
    if (charged === 'unknown') row.chargeUnknown += n;
  }
  // Rounded to the fen: prices like 0.3 make float dust.
  return { ...row, spend: price === undefined ? null : Math.round(row.paid * price * 100) / 100 };
};

function providerSummary(
  id: string,
  days: string[],
  byDay: Map<string, DayCounts>,
  circuitOpen: boolean,
  config: Config,
): ProviderSummary {
  const price = config.operations.unitPrices[id];
  const today = byDay.get(days.at(-1) ?? '');
  const outcomes: Record<string, number> = {};
  const latency = LATENCY_BUCKETS_MS.map(() => 0);
  for (const [key, n] of Object.entries(today?.calls ?? {})) {
    const [p, , outcome] = key.split('|');
    if (p === id && outcome) outcomes[outcome] = (outcomes[outcome] ?? 0) + n;
  }
  for (const [key, buckets] of Object.entries(today?.latency ?? {})) {
    if (key.split('|')[0] !== id) continue;
    buckets.forEach((n, i) => {
      latency[i] = (latency[i] ?? 0) + n;
    });
  }
  const skipped: Record<string, number> = {};
  for (const [key, n] of Object.entries(today?.skipped ?? {})) {
    const [p, reason] = key.split('|');
    if (p === id && reason) skipped[reason] = n;
  }
  // No call outlasts its deadline: the open-ended last bucket is at most the provider timeout.
  const quantile = (q: number) => {
    const bound = latencyQuantile(latency, q);
    return bound === undefined ? null : Math.min(bound, config.providerTimeoutMs);
  };
  return {
    id,
    circuitOpen,
    unitPrice: price ?? null,
    ...spendRow(today, id, price),
    outcomes,
    failovers: today?.failovers[id] ?? 0,
    skipped,
    latencyMs: { p50: quantile(0.5), p95: quantile(0.95), p99: quantile(0.99) },
    daily: days.map((day) => ({ day, ...spendRow(byDay.get(day), id, price) })),
  };
}

/**
 * What the operations page shows. The providers' numbers are the deployment's (its provider
 * accounts, shared by every merchant it serves): the operator sees them, and so does a merchant
 * that is the only one configured; otherwise a merchant sees its own webhooks and orders only.
 */
export async function operationsSummary(
  reader: OperationsReader,
  dayCount: number,
  s: Sources,
): Promise<OperationsSummary> {
  const { config, stats, outbox, orders, now } = s;
  const merchants = reader.operator ? config.merchants.map((m) => m.id) : [reader.merchant];
  const seesProviders = reader.operator || config.merchants.length === 1;
  const days = Array.from({ length: dayCount }, (_, i) => dayOf(now - (dayCount - 1 - i) * DAY_MS));

  const [byDay, dead, recent, backlog] = await Promise.all([
    seesProviders ? stats.read(days[0] ?? dayOf(now), days.at(-1) ?? dayOf(now)) : new Map<string, DayCounts>(),
    Promise.all(merchants.map((m) => outbox.dead(m, DEAD_SHOWN))),
    Promise.all(merchants.map((m) => orders.recent(m, now - DAY_MS, now, ORDERS_SHOWN))),
    seesProviders ? (stats.sources?.webhookBacklog() ?? Promise.resolve(0)) : Promise.resolve(undefined),
  ]);
  const providerIds = [...new Set(Object.values(config.routing).flat())];
  const providers = seesProviders
    ? await Promise.all(
        providerIds.map(async (id) =>
          providerSummary(id, days, byDay, (await stats.sources?.circuitOpen(id)) ?? false, config),
        ),
      )
    : undefined;
  const today = byDay.get(days.at(-1) ?? '');
  const deadEvents = dead
    .flat()
    .sort((a: EventRecord, b: EventRecord) => a.event.created.localeCompare(b.event.created))
    .slice(0, DEAD_SHOWN)
    .map((record) => {
      // Without the payload: the page lists events; the merchant API shows one whole.
      const { data: _payload, ...view } = eventView(record);
      return { ...view, merchant: record.event.merchant };
    });
  const recentOrders = recent
    .flat()
    .sort((a: BindOrder, b: BindOrder) => b.createdAt - a.createdAt)
    .slice(0, ORDERS_SHOWN)
    .map((order) => ({ ...orderView(order), merchant: order.merchant, provider: order.providerId }));

  return {
    reader: reader.operator ? { operator: true } : { operator: false, merchant: reader.merchant },
    generatedAt: new Date(now).toISOString(),
    timeZone: '+08:00' as const,
    currency: config.operations.currency,
    days,
    ...(providers ? { providers } : {}),
    webhooks: {
      ...(backlog === undefined ? {} : { backlog }),
      ...(seesProviders && today ? { today: today.webhooks } : {}),
      dead: deadEvents,
    },
    orders: recentOrders,
  };
}
