/** What every provider without a capability, or facing a broken answer, must do. */
import { expect } from 'vitest';
import { canServe, type Provider, verifyWith } from '../src/contract/index.js';
import { recordingFetch, verifyRequest } from './requests.js';
import { card, ctx } from './simulators.js';

/** A provider without a 2-element API: it has no verify2, and a kind-2 request sends nothing. */
export async function expectNoTwoElementCheck(provider: Provider) {
  const recording = recordingFetch();
  expect(canServe(provider, 'verify2')).toBe(false);
  await expect(verifyWith(provider, verifyRequest(2), ctx({ fetch: recording.fetch }))).rejects.toMatchObject({
    code: 'ERR_CAPABILITY_UNSUPPORTED',
  });
  expect(recording.sent).toEqual([]);
}

/** A 502 gateway page is a network error (nothing was charged); a truncated body a response error. */
export async function expectBrokenAnswersTyped(provider: Provider) {
  await expect(verifyWith(provider, verifyRequest(3, card('garbage')), ctx())).rejects.toMatchObject({
    code: 'ERR_PROVIDER_NETWORK',
  });
  await expect(verifyWith(provider, verifyRequest(3, card('truncated')), ctx())).rejects.toMatchObject({
    code: 'ERR_PROVIDER_RESPONSE',
  });
}
