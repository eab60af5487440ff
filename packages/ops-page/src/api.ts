import type { OperationsSummary } from '@cardbind/client';

// The summary's shape is the BFF's own, generated from its route declaration (type-only: no bytes).
export type Summary = OperationsSummary;
export type ProviderSummary = NonNullable<Summary['providers']>[number];
export type DeadEvent = Summary['webhooks']['dead'][number];
export type RecentOrder = Summary['orders'][number];

/** A refusal the page explains: the BFF's stable error code and the HTTP status. */
export class ApiRefusal extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string) {
    super(code);
    this.status = status;
    this.code = code;
  }
}

async function call<T>(key: string, method: 'GET' | 'POST', path: string): Promise<T> {
  const response = await fetch(path, { method, headers: { authorization: `Bearer ${key}` } });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string } };
    throw new ApiRefusal(response.status, body.error?.code ?? 'INTERNAL');
  }
  return (await response.json()) as T;
}

export const loadSummary = (key: string, days = 7) => call<Summary>(key, 'GET', `/v1/operations/summary?days=${days}`);
export const resendEvent = (key: string, id: string) =>
  call<{ id: string }>(key, 'POST', `/v1/operations/webhook-events/${encodeURIComponent(id)}/resend`);
export const resendAllDead = (key: string) =>
  call<{ resent: string[] }>(key, 'POST', '/v1/operations/webhook-events/dead/resend');
