import type { ProviderSummary } from './api.js';
import type { Formatters } from './format.js';
import { type Locale, named, OUTCOME_NAMES, PROVIDER_NAMES } from './messages.js';

/** One colour per provider, in routing order; distinct in greyscale too. */
export const PROVIDER_COLORS = ['#0969da', '#bc4c00', '#1a7f37', '#8250df'];
export const OUTCOME_COLORS: Record<string, string> = {
  verified: '#1a7f37',
  success: '#1a7f37',
  mismatch: '#bc4c00',
  card_rejected: '#8250df',
  invalid_input: '#6e7781',
  failed: '#cf222e',
  fail: '#cf222e',
  unavailable: '#9a6700',
  error: '#24292f',
  created: '#0969da',
  pending: '#54aeff',
};

/** A square of a colour, for legends (an SVG: the CSP allows no inline styles). */
export const Swatch = ({ color }: { color: string }) => (
  <svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">
    <rect width="12" height="12" rx="2" fill={color} />
  </svg>
);

const W = 640;
const H = 200;
const PAD = { left: 40, right: 8, top: 10, bottom: 24 };

/** Paid calls per day, a group of bars per day, one bar per provider. The table below carries the numbers. */
export function DailyBars(props: {
  providers: ProviderSummary[];
  days: string[];
  label: string;
  locale: Locale;
  f: Formatters;
}) {
  const { providers, days, label, locale, f } = props;
  const max = Math.max(1, ...providers.flatMap((p) => p.daily.map((d) => d.paid)));
  const ticks = [0, Math.ceil(max / 2), max];
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const group = plotW / days.length;
  const bar = Math.max(2, (group * 0.8) / Math.max(1, providers.length));
  const y = (n: number) => PAD.top + plotH - (n / max) * plotH;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={label}>
        {ticks.map((t) => (
          <g key={t}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(t)} y2={y(t)} stroke="#d0d7de" />
            <text x={PAD.left - 6} y={y(t) + 4} text-anchor="end" class="axis">
              {f.number(t)}
            </text>
          </g>
        ))}
        {days.map((day, i) => (
          <g key={day}>
            {providers.map((p, j) => {
              const paid = p.daily[i]?.paid ?? 0;
              return (
                <rect
                  key={p.id}
                  x={PAD.left + i * group + group * 0.1 + j * bar}
                  y={y(paid)}
                  width={bar - 1}
                  height={Math.max(0, PAD.top + plotH - y(paid))}
                  fill={PROVIDER_COLORS[j % PROVIDER_COLORS.length]}
                >
                  <title>{`${named(PROVIDER_NAMES, p.id, locale)} ${day}: ${f.number(paid)}`}</title>
                </rect>
              );
            })}
            <text x={PAD.left + i * group + group / 2} y={H - 6} text-anchor="middle" class="axis">
              {f.shortDay(day)}
            </text>
          </g>
        ))}
      </svg>
      <figcaption class="legend">
        {providers.map((p, j) => (
          <span key={p.id}>
            <Swatch color={PROVIDER_COLORS[j % PROVIDER_COLORS.length] ?? '#000'} />
            {named(PROVIDER_NAMES, p.id, locale)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

/** Today's outcomes of one provider as one bar split by share, with the counts in its legend. */
export function OutcomeBar(props: { outcomes: Record<string, number>; label: string; locale: Locale; f: Formatters }) {
  const entries = Object.entries(props.outcomes).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  let x = 0;
  return (
    <div class="outcome-bar">
      <svg viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label={props.label}>
        {entries.map(([outcome, n]) => {
          const w = (n / total) * 100;
          const rect = (
            <rect key={outcome} x={x} y={0} width={w} height={6} fill={OUTCOME_COLORS[outcome] ?? '#57606a'} />
          );
          x += w;
          return rect;
        })}
      </svg>
      <ul class="legend">
        {entries.map(([outcome, n]) => (
          <li key={outcome}>
            <Swatch color={OUTCOME_COLORS[outcome] ?? '#57606a'} />
            {named(OUTCOME_NAMES, outcome, props.locale)} <strong data-outcome={outcome}>{props.f.number(n)}</strong> (
            {Math.round((n / total) * 100)}%)
          </li>
        ))}
      </ul>
    </div>
  );
}
