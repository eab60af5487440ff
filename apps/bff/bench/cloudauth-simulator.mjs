// The Alibaba cloudauth simulator alone, in its own process, with no QPS limit: the provider each
// client in cloudauth-client.mjs talks to over real HTTP.
import { createCloudauthSimulator } from '@cardbind/sandbox';
import { listen } from '@cardbind/sandbox/node';

const server = await listen(createCloudauthSimulator({ qps: 1_000_000_000 }).app.fetch);
process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));
