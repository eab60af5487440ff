import { CapabilityUnsupportedError } from '../errors.js';
import type { Outcome, ProviderDetail } from '../outcome/outcome.js';
import type { Masked } from '../pii/masked.js';
import type { Logger } from './logger.js';
import type { Transport } from './transport.js';

/** What a provider can do; the BFF routes each operation by capability (`routing` in its configuration). */
export type Capability = 'verify2' | 'verify3' | 'verify4' | 'bindCard';

/** The verification capability that takes `kind` elements. */
export function verifyCapability(kind: VerifyRequest['kind']): 'verify2' | 'verify3' | 'verify4' {
  return kind === 2 ? 'verify2' : kind === 3 ? 'verify3' : 'verify4';
}

/**
 * Everything a provider call takes from its surroundings, injectable so tests
 * control time, randomness and the network, and so the same code runs on
 * Node, workerd, Deno and Bun.
 */
export interface CallContext {
  /** Sends the provider's HTTP requests: `fetchTransport(fetch)` unless a runtime brings its own. */
  transport: Transport;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** CSPRNG bytes (nonces, keys, IVs). */
  randomBytes: (length: number) => Uint8Array;
  /** Aborts the call: the caller's signal combined with the timeout. */
  signal: AbortSignal;
  /** The deadline behind `signal`, for error reporting. */
  timeoutMs: number;
  /** Receives masked data only. */
  logger: Logger;
}

interface VerifyRequestBase {
  /** Our order / request number, unique per merchant; sent where the provider takes one. */
  orderNo: string;
  name: string;
  cardNumber: string;
}

/** Name and card only (`verify2`): for checkouts that collect no ID number. */
export interface TwoElementRequest extends VerifyRequestBase {
  kind: 2;
}

/** Name, resident ID and card (`verify3`). */
export interface ThreeElementRequest extends VerifyRequestBase {
  kind: 3;
  idNumber: string;
}

/** Name, resident ID, card and the bank-registered mobile (`verify4`). */
export interface FourElementRequest extends VerifyRequestBase {
  kind: 4;
  idNumber: string;
  phone: string;
}

/** A verification with a resident ID: 3 or 4 elements. */
export type IdElementRequest = ThreeElementRequest | FourElementRequest;

/** A 2-, 3- or 4-element verification, values already validated and normalized. */
export type VerifyRequest = TwoElementRequest | IdElementRequest;

/** User identifier kinds of the bind-card API (`userType`). */
export const BIND_USER_TYPES = [
  'IMEI',
  'MAC',
  'USER_ID',
  'EMAIL',
  'PHONE',
  'ID_CARD',
  'AGREEMENT_NO',
  'WECHAT',
] as const;
export type BindUserType = (typeof BIND_USER_TYPES)[number];

/** Certificate kinds of the bind-card API (`certType`). */
export const BIND_CERT_TYPES = [
  'ID',
  'OFFICERS',
  'PASSPORT',
  'REENTRY',
  'TAIWAN',
  'POLICE',
  'SOLDIER',
  'HM_VISITORPASS',
  'RESIDENCEBOOKLET',
  'TEMPIDCARD',
  'FR_CARD',
] as const;
export type BindCertType = (typeof BIND_CERT_TYPES)[number];

export interface BindCardRequest {
  orderNo: string;
  userType: BindUserType;
  /** The user's identifier under `userType`; the bound card hangs off it. */
  identifyId: string;
  bankCardType: 'DEBIT' | 'CREDIT';
  bankCode: string;
  name: string;
  certType: BindCertType;
  certNo: string;
  mobile: string;
  /** When the bank page stops accepting this order. */
  expiresAt?: Date;
  notifyUrl: string;
  returnUrl: string;
}

/** An HTML form that sends the browser to the bank's page: rendered and auto-submitted by the BFF. */
export interface FormDescriptor {
  action: string;
  method: 'GET' | 'POST';
  acceptCharset: string;
  fields: Readonly<Record<string, string>>;
}

export type BindCreateResult =
  | { ok: true; orderNo: string; form: FormDescriptor; provider: ProviderDetail }
  /** The provider refused the order; nothing to redirect to. */
  | { ok: false; orderNo: string; outcome: Outcome };

export type BindStatus = 'PENDING' | 'SUCCESS' | 'FAIL';

export interface BindResult {
  orderNo: string;
  status: BindStatus;
  /** The agreement number later payments need; present when `SUCCESS`. */
  bindId?: string;
  /** Why it failed, normalized; present when `FAIL`. */
  outcome?: Outcome;
  /** The bound card as the provider shows it (BIN + last 4), when it says. */
  cardMasked?: Masked;
  provider: ProviderDetail;
}

/** The exact HTTP answer a provider expects to its notification. */
export interface NotificationReply {
  status: number;
  contentType: string;
  body: string;
}

export interface BindNotification extends BindResult {
  reply: NotificationReply;
}

/** What every provider has: a stable id (`tencent-faceid`), used in routes, logs and outcomes. */
export interface ProviderBase {
  readonly id: string;
}

/**
 * The capabilities, one interface each, every method required: a provider implements those it
 * has. Business results come back as values (an `Outcome`), protocol faults as typed `CardbindError`s.
 */
export interface TwoElementVerifier extends ProviderBase {
  verify2(request: TwoElementRequest, ctx: CallContext): Promise<Outcome>;
}

export interface ThreeElementVerifier extends ProviderBase {
  verify3(request: ThreeElementRequest, ctx: CallContext): Promise<Outcome>;
}

export interface FourElementVerifier extends ProviderBase {
  verify4(request: FourElementRequest, ctx: CallContext): Promise<Outcome>;
}

/** One-click bind card: the order, the provider's asynchronous result, and asking for it. */
export interface Binder extends ProviderBase {
  /** Creates the provider order and returns the bank page form. */
  createBind(request: BindCardRequest, ctx: CallContext): Promise<BindCreateResult>;
  /** Verifies and parses an asynchronous notification (throws `ProviderSignatureError` when forged). */
  parseNotification(request: Request, ctx: CallContext): Promise<BindNotification>;
  /** Asks the provider for an order's current state, for reconciliation. */
  queryBind(orderNo: string, ctx: CallContext): Promise<BindResult>;
}

/** Which interface each capability is. */
export interface ProviderByCapability {
  verify2: TwoElementVerifier;
  verify3: ThreeElementVerifier;
  verify4: FourElementVerifier;
  bindCard: Binder;
}

export type ProviderFor<C extends Capability> = ProviderByCapability[C];

/** A provider: its id and the methods of whichever capabilities it implements. */
export type Provider = ProviderBase &
  Partial<Omit<TwoElementVerifier & ThreeElementVerifier & FourElementVerifier & Binder, 'id'>>;

/** The methods that make each capability: a provider has the capability when it has them all. */
const METHODS: Readonly<Record<Capability, readonly (keyof Provider)[]>> = {
  verify2: ['verify2'],
  verify3: ['verify3'],
  verify4: ['verify4'],
  bindCard: ['createBind', 'parseNotification', 'queryBind'],
};

/** Whether the provider implements `capability`: derived from its methods, the one truth. */
export function canServe<C extends Capability>(
  provider: Provider,
  capability: C,
): provider is Provider & ProviderFor<C> {
  return METHODS[capability].every((method) => typeof provider[method] === 'function');
}

/** Every capability the provider implements. */
export function capabilitiesOf(provider: Provider): Capability[] {
  return (Object.keys(METHODS) as Capability[]).filter((capability) => canServe(provider, capability));
}

/** Sends a verification to the method its kind names; a provider without it refuses (the BFF routes none there). */
export function verifyWith(provider: Provider, request: VerifyRequest, ctx: CallContext): Promise<Outcome> {
  if (request.kind === 2 && provider.verify2) return provider.verify2(request, ctx);
  if (request.kind === 3 && provider.verify3) return provider.verify3(request, ctx);
  if (request.kind === 4 && provider.verify4) return provider.verify4(request, ctx);
  return Promise.reject(new CapabilityUnsupportedError(provider.id, verifyCapability(request.kind)));
}
