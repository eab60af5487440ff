// The FaceID simulator alone, in its own process, with no QPS limit: the
// provider each client in faceid-client.mjs talks to over real HTTP.
import { createFaceIdSimulator } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';

const server = await listen(createFaceIdSimulator({ qps: 1_000_000_000 }).app.fetch);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
