/** What `GET /v1/operations/summary` answers (the BFF's operations-summary.ts). */
export interface SpendRow {
  calls: number;
  paid: number;
  chargeUnknown: number;
  spend: number | null;
}

export interface ProviderSummary extends SpendRow {
  id: string;
  circuitOpen: boolean;
  unitPrice: number | null;
  outcomes: Record<string, number>;
  failovers: number;
  skipped: Record<string, number>;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  daily: (SpendRow & { day: string })[];
}

export interface DeadEvent {
  id: string;
  type: string;
  created: string;
  attempts: number;
  merchant: string;
  resent?: number;
}

export interface RecentOrder {
  orderNo: string;
  merchant: string;
  provider: string;
  status: string;
  bankCode: string;
  bankCardType: string;
  card?: string;
  createdAt: string;
}

export interface Summary {
  reader: { operator: boolean; merchant?: string };
  generatedAt: string;
  timeZone: string;
  currency: string;
  days: string[];
  providers?: ProviderSummary[];
  webhooks: {
    backlog?: number;
    today?: { delivered: number; failed: number; dead: number };
    dead: DeadEvent[];
  };
  orders: RecentOrder[];
}

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
