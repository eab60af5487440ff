import { describe, expect, it } from 'vitest';
import { keys } from '../../src/store/keys.js';
import { throughBank } from '../support/browser.js';
import { BIND_BODY } from '../support/sandbox.js';
import { type Answer, LEASE_MS, stoppedServer } from './stopped-server.js';

const { api, client, clock, sandbox, stopAt } = await stoppedServer();

// A bind create whose server could not finish it (the store refuses one write, as a server killed at
// that moment would never make it): see stopped-server.ts.
describe('a bind create whose server stopped after the provider answered', () => {
  const bind = async () => {
    const token = await client.session();
    return async (body: object = BIND_BODY) => {
      const res = await client.post('/v1/bind-cards', body, { authorization: `Bearer ${token}` });
      return { res, json: (await res.json()) as Answer };
    };
  };

  it('with its bank form kept: the retry (once the lease is over) gets the way to the bank', async () => {
    const send = await bind();
    await stopAt((key, value) => key.startsWith(keys.bindToken('')) && value.includes('"answer"'), send);
    const waiting = await send();
    expect(waiting.res.status).toBe(409);
    expect(waiting.json.error.code).toBe('BIND_IN_PROGRESS');
    expect((await send({ ...BIND_BODY, bankCode: 'CCB' })).json.error.code).toBe('TOKEN_USED');
    clock.now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(201);
    await throughBank(retry.json.redirectUrl, 'approve');
    await sandbox.aggregate.notifier.idle();
    const order = await (await client.get(`/v1/bind-cards/${retry.json.orderNo}`, api)).json();
    expect(order.status).toBe('SUCCESS');
  });

  it('with its bank form lost: the order is reconciled, and the retry is told to start a new bind', async () => {
    const send = await bind();
    const creates = sandbox.aggregate.stats.count('create');
    await stopAt((key) => key.startsWith(keys.ticket('')), send);
    clock.now += LEASE_MS;
    const retry = await send();
    expect(retry.res.status).toBe(409);
    expect(retry.json.error).toMatchObject({
      code: 'BIND_PAGE_LOST',
      details: { order: { status: 'PENDING', orderNo: expect.stringMatching(/^BC/) } },
    });
    expect((await send()).json).toEqual(retry.json);
    expect(sandbox.aggregate.stats.count('create')).toBe(creates + 1);
    const order = await (await client.get(`/v1/bind-cards/${retry.json.error.details.order.orderNo}`, api)).json();
    expect(order.status).toBe('PENDING');
  });
});
