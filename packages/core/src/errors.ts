/**
 * Typed errors with stable `code`s, in the manner of jose: callers switch on
 * `error.code` (or `instanceof`), never on the message. Messages never carry
 * raw card, ID, name or phone values.
 */

export type CardbindErrorCode =
  | 'ERR_INVALID_ARGUMENT'
  | 'ERR_CONFIGURATION'
  | 'ERR_CRYPTO_UNAVAILABLE'
  | 'ERR_PROVIDER_RESPONSE'
  | 'ERR_PROVIDER_SIGNATURE'
  | 'ERR_PROVIDER_TIMEOUT'
  | 'ERR_PROVIDER_NETWORK'
  | 'ERR_CAPABILITY_UNSUPPORTED';

export class CardbindError extends Error {
  /** Stable machine-readable code. */
  readonly code: CardbindErrorCode;

  constructor(code: CardbindErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** A caller passed something the API cannot accept (wrong type, out of range). */
export class InvalidArgumentError extends CardbindError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_INVALID_ARGUMENT', message, options);
  }
}

/** A provider or component is configured wrongly (missing key, bad URL). */
export class ConfigurationError extends CardbindError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('ERR_CONFIGURATION', message, options);
  }
}

/** The runtime lacks WebCrypto (`globalThis.crypto.subtle`). */
export class CryptoUnavailableError extends CardbindError {
  constructor() {
    super('ERR_CRYPTO_UNAVAILABLE', 'WebCrypto (globalThis.crypto.subtle) is not available in this runtime');
  }
}

/** A provider answered with a body that is not the documented shape (malformed, truncated). */
export class ProviderResponseError extends CardbindError {
  readonly provider: string;
  readonly httpStatus: number | undefined;

  constructor(provider: string, message: string, options?: { cause?: unknown; httpStatus?: number }) {
    super('ERR_PROVIDER_RESPONSE', `${provider}: ${message}`, options);
    this.provider = provider;
    this.httpStatus = options?.httpStatus;
  }
}

/** A provider's response or notification failed signature verification. */
export class ProviderSignatureError extends CardbindError {
  readonly provider: string;

  constructor(provider: string, message = 'signature verification failed') {
    super('ERR_PROVIDER_SIGNATURE', `${provider}: ${message}`);
    this.provider = provider;
  }
}

/**
 * The provider did not answer in time. `sent` tells whether the request had
 * left this process: if it had, the provider may have billed the call.
 */
export class ProviderTimeoutError extends CardbindError {
  readonly provider: string;
  readonly sent: boolean;

  constructor(provider: string, sent: boolean, options?: { cause?: unknown }) {
    super('ERR_PROVIDER_TIMEOUT', `${provider}: no answer before the deadline`, options);
    this.provider = provider;
    this.sent = sent;
  }
}

/** The request could not be delivered (DNS, refused connection, reset). */
export class ProviderNetworkError extends CardbindError {
  readonly provider: string;

  constructor(provider: string, options?: { cause?: unknown }) {
    super('ERR_PROVIDER_NETWORK', `${provider}: network error`, options);
    this.provider = provider;
  }
}

/** A provider was asked for an operation it does not offer. */
export class CapabilityUnsupportedError extends CardbindError {
  constructor(provider: string, capability: string) {
    super('ERR_CAPABILITY_UNSUPPORTED', `${provider} does not support ${capability}`);
  }
}

export function isCardbindError(value: unknown): value is CardbindError {
  return value instanceof CardbindError;
}
