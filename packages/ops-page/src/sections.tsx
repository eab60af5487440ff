import type { ComponentChildren } from 'preact';
import type { DeadEvent, ProviderSummary, RecentOrder, Summary } from './api.js';
import { DailyBars, OutcomeBar } from './charts.js';
import type { Formatters } from './format.js';
import { healthOf, totalsByDay } from './health.js';
import { fill, type Locale, type Messages, named, ORDER_STATUS, PROVIDER_NAMES } from './messages.js';

interface Common {
  t: Messages;
  locale: Locale;
  f: Formatters;
}

/** A wide table scrolls sideways in its own box, which the keyboard can reach (and scroll). */
const Scroll = ({ label, children }: { label: string; children: ComponentChildren }) => (
  // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region needs focus to scroll by keyboard
  <section class="scroll" tabIndex={0} aria-label={label}>
    {children}
  </section>
);

const ms = (t: Messages, n: number | null) => (n === null ? '–' : fill(t.ms, { n }));

export function Providers({ providers, t, locale, f }: Common & { providers: ProviderSummary[] }) {
  return (
    <section aria-labelledby="providers-h">
      <h2 id="providers-h">{t.providers}</h2>
      <ul class="cards">
        {providers.map((p) => {
          const health = healthOf(p);
          return (
            <li key={p.id} class={`card health-${health}`} data-provider={p.id}>
              <h3>{named(PROVIDER_NAMES, p.id, locale)}</h3>
              <p class="badge" data-health={health}>
                {t.health[health]}
              </p>
              <dl>
                <dt>{t.callsToday}</dt>
                <dd data-field="calls">{f.number(p.calls)}</dd>
                <dt>{t.paidToday}</dt>
                <dd data-field="paid">{f.number(p.paid)}</dd>
                <dt>{t.spendToday}</dt>
                <dd data-field="spend">{p.spend === null ? t.noPrice : f.money(p.spend)}</dd>
                {p.chargeUnknown > 0 && (
                  <>
                    <dt>{t.chargeUnknown}</dt>
                    <dd data-field="charge-unknown">{f.number(p.chargeUnknown)}</dd>
                  </>
                )}
                <dt>{t.failovers}</dt>
                <dd data-field="failovers">{f.number(p.failovers)}</dd>
                <dt>{t.skipped}</dt>
                <dd data-field="skipped">{f.number(Object.values(p.skipped).reduce((a, b) => a + b, 0))}</dd>
                {(['p50', 'p95', 'p99'] as const).map((q) => (
                  <>
                    <dt key={`${q}-t`}>{fill(t.latency, { q })}</dt>
                    <dd key={q} data-field={`latency-${q}`}>
                      {ms(t, p.latencyMs[q])}
                    </dd>
                  </>
                ))}
              </dl>
              {p.unitPrice !== null && <p class="note">{fill(t.unitPrice, { price: f.money(p.unitPrice) })}</p>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function Spend({
  summary,
  providers,
  t,
  locale,
  f,
}: Common & { summary: Summary; providers: ProviderSummary[] }) {
  const totals = totalsByDay(providers, summary.days);
  return (
    <section aria-labelledby="spend-h">
      <h2 id="spend-h">{t.spend}</h2>
      <DailyBars
        providers={providers}
        days={summary.days}
        label={fill(t.spendChart, { n: summary.days.length })}
        locale={locale}
        f={f}
      />
      <Scroll label={`${t.spend} · ${t.table}`}>
        <table id="spend-table">
          <caption class="visually-hidden">{t.spend}</caption>
          <thead>
            <tr>
              <th scope="col">{t.day}</th>
              {providers.map((p) => (
                <th scope="col" key={p.id}>
                  {named(PROVIDER_NAMES, p.id, locale)}
                </th>
              ))}
              <th scope="col">{t.total}</th>
            </tr>
          </thead>
          <tbody>
            {summary.days.map((day, i) => (
              <tr key={day} data-day={day}>
                <th scope="row">{day}</th>
                {providers.map((p) => {
                  const row = p.daily[i];
                  return (
                    <td key={p.id} data-provider={p.id} data-paid={row?.paid ?? 0}>
                      {f.number(row?.paid ?? 0)}
                      {row?.spend != null && <span class="sub"> {f.money(row.spend)}</span>}
                    </td>
                  );
                })}
                <td data-total>
                  {f.number(totals[i]?.paid ?? 0)}
                  {totals[i]?.spend != null && <span class="sub"> {f.money(totals[i]?.spend ?? 0)}</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
    </section>
  );
}

export function Outcomes({ providers, t, locale, f }: Common & { providers: ProviderSummary[] }) {
  const called = providers.filter((p) => p.calls > 0);
  return (
    <section aria-labelledby="outcomes-h">
      <h2 id="outcomes-h">{t.outcomes}</h2>
      {called.length === 0 ? (
        <p>{t.noCalls}</p>
      ) : (
        <ul class="outcomes">
          {called.map((p) => (
            <li key={p.id} data-provider={p.id}>
              <h3>{named(PROVIDER_NAMES, p.id, locale)}</h3>
              <OutcomeBar
                outcomes={p.outcomes}
                label={`${t.outcomesChart}: ${named(PROVIDER_NAMES, p.id, locale)}`}
                locale={locale}
                f={f}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Webhooks(
  props: Common & {
    webhooks: Summary['webhooks'];
    busy: boolean;
    notice: string;
    onResend: (event: DeadEvent) => void;
    onResendAll: () => void;
  },
) {
  const { webhooks, t, f } = props;
  return (
    <section aria-labelledby="webhooks-h">
      <h2 id="webhooks-h">{t.webhooks}</h2>
      <dl class="figures">
        {webhooks.backlog !== undefined && (
          <div>
            <dt>{t.backlog}</dt>
            <dd data-field="backlog">{f.number(webhooks.backlog)}</dd>
          </div>
        )}
        {webhooks.today && (
          <>
            <div>
              <dt>{t.delivered}</dt>
              <dd data-field="delivered">{f.number(webhooks.today.delivered)}</dd>
            </div>
            <div>
              <dt>{t.attemptsFailed}</dt>
              <dd data-field="failed">{f.number(webhooks.today.failed)}</dd>
            </div>
            <div>
              <dt>{t.deadToday}</dt>
              <dd data-field="dead">{f.number(webhooks.today.dead)}</dd>
            </div>
          </>
        )}
      </dl>
      <h3>{t.deadList}</h3>
      {webhooks.dead.length === 0 ? (
        <p>{t.noDead}</p>
      ) : (
        <>
          <Scroll label={`${t.deadList} · ${t.table}`}>
            <table id="dead-table">
              <thead>
                <tr>
                  <th scope="col">{t.event}</th>
                  <th scope="col">{t.type}</th>
                  <th scope="col">{t.merchant}</th>
                  <th scope="col">{t.created}</th>
                  <th scope="col">{t.attempts}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t.resend}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {webhooks.dead.map((e) => (
                  <tr key={e.id} data-event={e.id}>
                    <td>
                      <code>{e.id}</code>
                    </td>
                    <td>{e.type}</td>
                    <td>{e.merchant}</td>
                    <td>{f.time(e.created)}</td>
                    <td>{f.number(e.attempts)}</td>
                    <td>
                      <button
                        type="button"
                        disabled={props.busy}
                        aria-label={`${t.resend} ${e.id}`}
                        onClick={() => props.onResend(e)}
                      >
                        {t.resend}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Scroll>
          <button type="button" class="primary" disabled={props.busy} onClick={props.onResendAll}>
            {t.resendAll}
          </button>
        </>
      )}
      <p class="notice" role="status">
        {props.notice}
      </p>
    </section>
  );
}

export function Orders({ orders, t, locale, f }: Common & { orders: RecentOrder[] }) {
  return (
    <section aria-labelledby="orders-h">
      <h2 id="orders-h">{t.orders}</h2>
      {orders.length === 0 ? (
        <p>{t.noOrders}</p>
      ) : (
        <Scroll label={`${t.orders} · ${t.table}`}>
          <table id="orders-table">
            <thead>
              <tr>
                <th scope="col">{t.order}</th>
                <th scope="col">{t.merchant}</th>
                <th scope="col">{t.status}</th>
                <th scope="col">{t.bank}</th>
                <th scope="col">{t.card}</th>
                <th scope="col">{t.created}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.orderNo} data-order={o.orderNo} data-status={o.status}>
                  <td>
                    <code>{o.orderNo}</code>
                  </td>
                  <td>{o.merchant}</td>
                  <td>
                    <span class={`status status-${o.status.toLowerCase()}`}>
                      {named(ORDER_STATUS, o.status, locale)}
                    </span>
                  </td>
                  <td>
                    {o.bankCode} · {o.bankCardType}
                  </td>
                  <td>{o.card ?? '–'}</td>
                  <td>{f.time(o.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Scroll>
      )}
    </section>
  );
}
