import type { GaugeSources, Metrics } from './metrics.js';

/** One sink that reports to each of `sinks` (the Prometheus registry and the operations page's counts). */
export function fanOutMetrics(sinks: Metrics[]): Metrics | undefined {
  const [only, ...rest] = sinks;
  if (!only) return undefined;
  if (rest.length === 0) return only;
  return {
    request: (method, route, status, seconds) => {
      for (const s of sinks) s.request(method, route, status, seconds);
    },
    providerCall: (call) => {
      for (const s of sinks) s.providerCall(call);
    },
    providerSkipped: (provider, reason) => {
      for (const s of sinks) s.providerSkipped(provider, reason);
    },
    failover: (provider) => {
      for (const s of sinks) s.failover(provider);
    },
    pacingWait: (provider, seconds) => {
      for (const s of sinks) s.pacingWait(provider, seconds);
    },
    webhookAttempt: (result) => {
      for (const s of sinks) s.webhookAttempt(result);
    },
    webhookDead: () => {
      for (const s of sinks) s.webhookDead();
    },
    observe: (sources: GaugeSources) => {
      for (const s of sinks) s.observe(sources);
    },
  };
}
