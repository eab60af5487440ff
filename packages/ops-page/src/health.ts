import type { ProviderSummary } from './api.js';

export type Health = 'open' | 'degraded' | 'ok' | 'idle';

/** Unavailable answers above this share of today's calls make a provider degraded. */
export const DEGRADED_SHARE = 0.2;

/** A provider at a glance: its circuit open, many unavailable answers today, fine, or no calls yet. */
export function healthOf(p: Pick<ProviderSummary, 'circuitOpen' | 'calls' | 'outcomes'>): Health {
  if (p.circuitOpen) return 'open';
  if (p.calls === 0) return 'idle';
  const unavailable = (p.outcomes.unavailable ?? 0) + (p.outcomes.error ?? 0);
  return unavailable / p.calls > DEGRADED_SHARE ? 'degraded' : 'ok';
}

/** Sums the spend rows of every provider per day (null when no provider has a price). */
export function totalsByDay(providers: ProviderSummary[], days: string[]) {
  return days.map((day, i) => {
    let paid = 0;
    let spend: number | null = null;
    for (const p of providers) {
      const row = p.daily[i];
      if (!row || row.day !== day) continue;
      paid += row.paid;
      if (row.spend !== null) spend = Math.round(((spend ?? 0) + row.spend) * 100) / 100;
    }
    return { day, paid, spend };
  });
}
