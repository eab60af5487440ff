import { describe, expect, it } from 'vitest';
import {
  CardbindError,
  isCardbindError,
  ProviderResponseError,
  ProviderSignatureError,
  ProviderTimeoutError,
} from './errors.js';

describe('typed errors', () => {
  it('carry stable codes and their class names', () => {
    const timeout = new ProviderTimeoutError('tencent-faceid', true);
    expect(timeout.code).toBe('ERR_PROVIDER_TIMEOUT');
    expect(timeout.name).toBe('ProviderTimeoutError');
    expect(timeout.sent).toBe(true);
    expect(timeout).toBeInstanceOf(CardbindError);
    expect(isCardbindError(timeout)).toBe(true);
    expect(isCardbindError(new Error('x'))).toBe(false);
    expect(new ProviderSignatureError('rz').code).toBe('ERR_PROVIDER_SIGNATURE');
    const bad = new ProviderResponseError('rz', 'truncated JSON', { httpStatus: 200, cause: new SyntaxError('x') });
    expect(bad).toMatchObject({ code: 'ERR_PROVIDER_RESPONSE', httpStatus: 200, provider: 'rz' });
    expect(bad.cause).toBeInstanceOf(SyntaxError);
  });
});
