import { luhnValid } from '@cardbind/core/validation';
import type { Client } from '../../support/bff.js';
import { API_KEY, BIND_BODY, baseConfig, HOLDER, ORIGIN, type startSandbox } from '../../support/sandbox.js';

/**
 * The load a crash test puts on a BFF: clients sending verifications (each with a card of its own,
 * so each provider call can be told apart) and bind creates (each with a token of its own), and
 * what became of every request: answered, or left without an answer by the kill.
 */

let serial = 0;
/** A card number no other request of the run uses (valid, so the BFF sends it on). */
export function freshCard(): string {
  const body = `622848${String(process.pid % 1000).padStart(3, '0')}${String(++serial).padStart(9, '0')}`;
  for (let check = 0; check < 10; check++) if (luhnValid(`${body}${check}`)) return `${body}${check}`;
  throw new Error('no check digit');
}

export interface Sent {
  kind: 'verify' | 'bind';
  token: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** The verification's card (its calls at the provider are counted by it). */
  card?: string;
  /** The answer, when one came back. */
  status?: number;
  json?: Record<string, unknown>;
}

/** Limits out of the way: the load, not a limit, decides what is sent. */
export const UNLIMITED = {
  sessionAttempts: 10_000,
  cardPerDay: 10_000,
  idPerDay: 1_000_000,
  ipPerMinute: 1_000_000,
  merchantPerMinute: 1_000_000,
  providerQps: { 'tencent-faceid': 100_000 },
};

/** A session for the sandbox cardholder, allowed everything; undefined when the BFF did not answer. */
async function session(client: Client): Promise<string | undefined> {
  try {
    const res = await client.post(
      '/v1/sessions',
      {
        operations: ['verify3', 'bind'],
        origin: ORIGIN,
        returnUrl: `${ORIGIN}/checkout/done`,
        user: { userType: 'USER_ID', identifyId: `u-${++serial}` },
      },
      { authorization: `Bearer ${API_KEY}` },
    );
    return res.status === 201 ? ((await res.json()) as { token: string }).token : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one request, recording its answer (or that none came). */
export async function send(client: Client, sent: Sent): Promise<Sent> {
  const path = sent.kind === 'verify' ? '/v1/verifications' : '/v1/bind-cards';
  try {
    const res = await client.post(path, sent.body, { authorization: `Bearer ${sent.token}`, ...sent.headers });
    const json = (await res.json()) as Record<string, unknown>;
    return Object.assign(sent, { status: res.status, json });
  } catch {
    delete sent.status;
    delete sent.json;
    return sent;
  }
}

/**
 * `clients` loops, each sending a bind create every fourth request and verifications otherwise,
 * until `stop()` or their BFF stops answering; `done` resolves once every loop has ended.
 */
export function startLoad(client: (n: number) => Client, clients: number) {
  const sent: Sent[] = [];
  let stopped = false;
  const loop = async (n: number) => {
    const token = await session(client(n));
    if (!token) return;
    for (let i = n; !stopped; i++) {
      const request: Sent =
        i % 4 === 0
          ? { kind: 'bind', token: (await session(client(n))) ?? '', headers: {}, body: { ...BIND_BODY } }
          : { kind: 'verify', token, headers: { 'idempotency-key': `crash-${process.pid}-${++serial}` }, body: {} };
      if (!request.token) return;
      if (request.kind === 'verify') {
        request.card = freshCard();
        request.body = {
          kind: 3,
          name: HOLDER.name,
          idNumber: HOLDER.idNumber,
          cardNumber: request.card,
          consent: true,
        };
      }
      sent.push(request);
      await send(client(n), request);
      if (request.status === undefined) return; // its BFF is gone
    }
  };
  const done = Promise.all(Array.from({ length: clients }, (_, n) => loop(n)));
  return {
    sent,
    done,
    stop: () => {
      stopped = true;
    },
  };
}

/** Where a round's kill comes: at the nth request to a provider, just after its nth answer, or at a moment. */
export type KillPoint = { provider: string; at: 'request' | 'answer'; nth: number } | { afterMs: number };

/**
 * The simulators, with FaceID's calls counted by card (the crash tests send FaceID fields
 * unencrypted so that the card can be read) and a kill that can be armed at a provider call.
 */
export async function crashSandbox(start: typeof startSandbox) {
  const calls = new Map<string, number>();
  let armed: { provider: string; at: 'request' | 'answer'; left: number; kill: () => Promise<void> } | undefined;
  // At a request, the BFF is gone before the provider answers; after an answer, a moment after it is sent back.
  const fire = async (provider: string, at: 'request' | 'answer') => {
    if (armed?.provider !== provider || armed.at !== at || --armed.left > 0) return;
    const { kill } = armed;
    armed = undefined;
    if (at === 'request') await kill();
    else setTimeout(kill, Math.random() * 3);
  };
  const sandbox = await start({
    aggregate: { notifier: { firstDelayMs: 50, maxAttempts: 10 } },
    tap: async (provider, request) => {
      if (provider === 'tencent-faceid') {
        const card = (JSON.parse(await request.clone().text()) as { BankCard?: string }).BankCard ?? '';
        calls.set(card, (calls.get(card) ?? 0) + 1);
      }
      await fire(provider, 'request');
    },
    answered: (provider) => fire(provider, 'answer'),
  });
  const { encryptionPublicKey: _clear, ...faceid } = sandbox.configs['tencent-faceid'];
  return {
    sandbox,
    /** The FaceID config without field encryption. */
    faceid,
    callsFor: (card = '') => calls.get(card) ?? 0,
    /** Resolves once `kill` has run at the kill point. */
    killAt(point: KillPoint, kill: () => Promise<unknown>): Promise<void> {
      return new Promise<void>((resolve) => {
        const then = () => kill().then(() => resolve());
        if ('afterMs' in point) setTimeout(then, point.afterMs);
        else armed = { provider: point.provider, at: point.at, left: point.nth, kill: then };
      });
    },
  };
}

export type CrashSandbox = Awaited<ReturnType<typeof crashSandbox>>;

/**
 * The configuration of a BFF under a crash test, as JSON for CARDBIND_CONFIG_JSON: FaceID alone for
 * 3 elements (its calls are the ones counted), `providerTimeoutMs`, no limits, verification results
 * sent to `webhookUrl`, fast webhook retries and reconciliation after a second.
 */
export async function crashConfig(
  crash: CrashSandbox,
  publicUrl: string,
  webhookUrl: string,
  providerTimeoutMs: number,
) {
  const config = await baseConfig(crash.sandbox, publicUrl);
  const [merchant] = config.merchants;
  return JSON.stringify({
    ...config,
    merchants: [{ ...merchant, webhook: { url: webhookUrl, verificationResults: true } }],
    providers: { ...config.providers, 'tencent-faceid': crash.faceid },
    routing: { ...config.routing, verify3: ['tencent-faceid'] },
    providerTimeoutMs,
    reconcileAfterSeconds: 1,
    limits: UNLIMITED,
    webhooks: { retryBaseMs: 100, retryMaxMs: 400, maxAttempts: 50, pollMs: 50 },
  });
}
