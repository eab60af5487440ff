/** The FaceID simulator served for one test file, the provider pointed at it, and a third-party signer. */
import { createTencentFaceIdProvider } from '@cardbind/core/providers/tencent-faceid';
import { FACEID_VERSION, tc3Authorization } from '@cardbind/core/providers/tencent-faceid/internal';
import { createFaceIdSimulator, SANDBOX_CREDENTIALS } from '@cardbind/sandbox';
import { serveForSuite } from '../../simulators.js';

export const { secretId, secretKey } = SANDBOX_CREDENTIALS.tencentFaceid;

/** Serves a simulator for the calling file (closed after it: files share their worker's modules). */
export async function faceIdFixture() {
  // The walk sends far more than 20 requests a second; the limit has its own test below.
  const simulator = createFaceIdSimulator({ qps: 10_000 });
  const server = await serveForSuite(simulator.app);
  const provider = createTencentFaceIdProvider({ secretId, secretKey, endpoint: server.url });
  return { simulator, server, provider, postSigned: postSignedTo(server.url) };
}

/**
 * A request signed as a third-party client might sign it: over `signed`
 * headers plus `host` as given; `body` may differ from the signed payload.
 */
const postSignedTo = (url: string) =>
  async function postSigned(payload: string, signed: Record<string, string>, host: string, body = payload) {
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { ...signed, host };
    const authorization = await tc3Authorization({
      secretId,
      secretKey,
      service: 'faceid',
      timestamp,
      method: 'POST',
      headers,
      payload,
    });
    return fetch(url, {
      method: 'POST',
      headers: {
        ...signed,
        authorization,
        'x-tc-action': 'BankCardVerification',
        'x-tc-timestamp': String(timestamp),
        'x-tc-version': FACEID_VERSION,
      },
      body,
    });
  };
