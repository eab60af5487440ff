import { isCardbindError } from '../errors.js';
import { createOutcome, type Outcome } from './outcome.js';

/**
 * The outcome of a provider call that ended in a fault rather than an answer.
 * A timeout after sending may have been billed, so it is `charged: 'unknown'`
 * and not retryable; a connection refused was never sent.
 */
export function outcomeFromError(providerId: string, error: unknown): Outcome {
  const provider = { id: providerId, code: isCardbindError(error) ? error.code : 'ERR_UNEXPECTED' };
  if (!isCardbindError(error)) return createOutcome('UNKNOWN', { charged: 'unknown', provider });
  switch (error.code) {
    case 'ERR_PROVIDER_TIMEOUT':
      return createOutcome('TIMEOUT', {
        charged: (error as { sent?: boolean }).sent === false ? false : 'unknown',
        provider,
      });
    case 'ERR_PROVIDER_NETWORK':
      return createOutcome('PROVIDER_ERROR', { charged: false, provider });
    case 'ERR_PROVIDER_RESPONSE':
    case 'ERR_PROVIDER_SIGNATURE':
      return createOutcome('PROVIDER_RESPONSE_INVALID', { charged: 'unknown', provider });
    default:
      return createOutcome('UNKNOWN', { charged: 'unknown', provider });
  }
}
