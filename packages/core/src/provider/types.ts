import type { Outcome, ProviderDetail } from '../outcome/outcome.js';
import type { Masked } from '../pii/masked.js';
import type { Logger } from './logger.js';
import type { Transport } from './transport.js';

/** What a provider can do; the BFF routes each operation by capability. */
export type Capability = 'verify2' | 'verify3' | 'verify4' | 'bindCard' | 'bindNotify' | 'bindQuery';

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

/** Name, resident ID and card (`verify3`), and the bank-registered mobile (`verify4`). */
export interface IdElementRequest extends VerifyRequestBase {
  kind: 3 | 4;
  idNumber: string;
  /** Present for 4-element verification. */
  phone?: string;
}

/** A 2-, 3- or 4-element verification, values already validated and normalized. */
export type VerifyRequest = TwoElementRequest | IdElementRequest;

/** User identifier kinds of the bind-card API (`userType`). */
export type BindUserType = 'IMEI' | 'MAC' | 'USER_ID' | 'EMAIL' | 'PHONE' | 'ID_CARD' | 'AGREEMENT_NO' | 'WECHAT';

/** Certificate kinds of the bind-card API (`certType`). */
export type BindCertType =
  | 'ID'
  | 'OFFICERS'
  | 'PASSPORT'
  | 'REENTRY'
  | 'TAIWAN'
  | 'POLICE'
  | 'SOLDIER'
  | 'HM_VISITORPASS'
  | 'RESIDENCEBOOKLET'
  | 'TEMPIDCARD'
  | 'FR_CARD';

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

/**
 * The contract every provider implements. Methods exist according to
 * `capabilities`; business results come back as values (an `Outcome`),
 * protocol faults as typed `CardbindError`s.
 */
export interface Provider {
  /** Stable id, e.g. `tencent-faceid`, used in routes, logs and outcomes. */
  readonly id: string;
  readonly capabilities: ReadonlySet<Capability>;
  /** `verify3` / `verify4`. */
  verify?(request: VerifyRequest, ctx: CallContext): Promise<Outcome>;
  /** `bindCard`: creates the provider order and returns the bank page form. */
  createBind?(request: BindCardRequest, ctx: CallContext): Promise<BindCreateResult>;
  /** `bindNotify`: verifies and parses an asynchronous notification (throws `ProviderSignatureError` when forged). */
  parseNotification?(request: Request, ctx: CallContext): Promise<BindNotification>;
  /** `bindQuery`: asks the provider for an order's current state, for reconciliation. */
  queryBind?(orderNo: string, ctx: CallContext): Promise<BindResult>;
}

/** A provider whose listed optional methods are present, e.g. `ProviderWith<'verify'>`. */
export type ProviderWith<K extends 'verify' | 'createBind' | 'parseNotification' | 'queryBind'> = Provider &
  Required<Pick<Provider, K>>;

export function supports(provider: Provider, capability: Capability): boolean {
  return provider.capabilities.has(capability);
}
