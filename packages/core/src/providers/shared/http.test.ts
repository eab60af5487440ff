import { describe, expect, it } from 'vitest';
import { createCallContext } from '../../contract/index.js';
import { outcomeFromError } from '../../outcome/index.js';
import { parseJson, send } from './http.js';

const raw = (status: number, text: string) => ({ status, headers: new Headers(), text });
const GET = { method: 'GET' as const, headers: {} };
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return outcomeFromError('p', error);
  }
  throw new Error('did not throw');
};

describe('provider HTTP faults and what they mean for billing', () => {
  it('a gateway refusal (502/503 page) was not billed: failover is allowed', () => {
    for (const status of [502, 503]) {
      expect(codeOf(() => parseJson('p', raw(status, '<h1>Bad Gateway</h1>')))).toMatchObject({
        status: 'unavailable',
        charged: false,
      });
    }
  });

  it('a 500/504 page or a garbage 200 may come after processing: charge unknown', () => {
    for (const [status, text] of [
      [500, '<h1>oops</h1>'],
      [504, 'Gateway Timeout'],
      [200, '{"Response": {"Res'],
    ] as const) {
      expect(codeOf(() => parseJson('p', raw(status, text)))).toMatchObject({
        status: 'unavailable',
        charged: 'unknown',
      });
    }
  });

  it('a refused connection was never sent; a timeout after sending is charge-unknown', async () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const ctxRefused = createCallContext({ fetch: () => Promise.reject(refused) });
    await expect(send('p', 'http://x', GET, ctxRefused).catch((e) => outcomeFromError('p', e))).resolves.toMatchObject({
      charged: false,
    });
    const ctxHang = createCallContext({
      timeoutMs: 20,
      fetch: (_url, init) =>
        new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason))),
    });
    await expect(send('p', 'http://x', GET, ctxHang).catch((e) => outcomeFromError('p', e))).resolves.toMatchObject({
      reason: 'TIMEOUT',
      charged: 'unknown',
    });
  });

  it('an answer whose body breaks off is a response error (the provider answered), not a timeout', async () => {
    const broken = new Response(
      new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('{"Response":'));
          controller.error(new Error('connection reset'));
        },
      }),
      { status: 200 },
    );
    const ctx = createCallContext({ fetch: async () => broken });
    const error = await send('p', 'http://x', GET, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ProviderResponseError', httpStatus: 200 });
  });
});
