import { describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../src/app.js';
import { frozenNodeBff } from '../support/bff.js';
import { baseConfig, ORIGIN, startSandbox } from '../support/sandbox.js';

const sandbox = await startSandbox();

describe('GET /widget/frame', () => {
  it('/widget/frame may be framed only by the one allowed origin the loader names, else by nobody', async () => {
    const { client } = await frozenNodeBff(
      sandbox,
      {},
      {
        merchants: [
          (await baseConfig(sandbox, 'http://127.0.0.1')).merchants[0] as ConfigInput['merchants'][number],
          { id: 'other', apiKeySha256: 'a'.repeat(64), allowedOrigins: ['https://other-shop.example'] },
        ],
      },
    );
    const ancestors = async (query: string) =>
      /frame-ancestors ([^;]+)/.exec(
        (await client.get(`/widget/frame${query}`)).headers.get('content-security-policy') ?? '',
      )?.[1];
    expect(await ancestors(`?origin=${encodeURIComponent(ORIGIN)}`)).toBe(ORIGIN);
    expect(await ancestors('?origin=https%3A%2F%2Fother-shop.example')).toBe('https://other-shop.example');
    expect(await ancestors('?origin=https%3A%2F%2Fevil.example')).toBe("'none'");
    expect(await ancestors('')).toBe("'none'");
  });
});
