#!/usr/bin/env node
/**
 * cardbind-sandbox: starts every provider simulator on loopback, each on its
 * own port (fixed defaults, SANDBOX_PORTS), and prints a JSON map of their base
 * URLs as the first line of stdout; or, with --print-config, prints the BFF
 * configuration for those ports and exits.
 *
 * The sandbox bank page is served by the aggregate-pay simulator (its `submitUrl`).
 */
import { parseArgs } from 'node:util';
import { SIMULATOR_IDS, type SimulatorId, serveSimulators } from '../node.js';
import {
  SANDBOX_PORTS,
  SANDBOX_PROVIDER_NAMES,
  SANDBOX_ROUTING,
  sandboxProviderConfigs,
  sandboxUrls,
} from '../provider-configs.js';

const USAGE = `usage: cardbind-sandbox [--tencent-faceid-port N] [--tencent-csec-port N] [--rz-port N] [--aggregate-pay-port N]
                        [--print-config]

Starts every provider simulator on 127.0.0.1 and prints a JSON map of their base URLs
as the first line of stdout. Default ports: ${SIMULATOR_IDS.map((id) => `${id} ${SANDBOX_PORTS[id]}`).join(', ')};
0 takes any free port. The sandbox bank page is served by the aggregate-pay simulator.
Ctrl-C stops them.

--print-config  print instead the "providers" and "routing" of a BFF configuration that
                uses the simulators at these ports, and exit (start them with the same
                ports; \`cardbind init --staging\` writes a whole configuration for the defaults)`;

let values: Record<string, string | boolean | undefined>;
try {
  ({ values } = parseArgs({
    options: {
      ...Object.fromEntries(SIMULATOR_IDS.map((id) => [`${id}-port`, { type: 'string' as const }])),
      'print-config': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  }));
} catch (error) {
  console.error(`cardbind-sandbox: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const ports: Partial<Record<SimulatorId, number>> = {};
for (const id of SIMULATOR_IDS) {
  const raw = String(values[`${id}-port`] ?? SANDBOX_PORTS[id]);
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`cardbind-sandbox: --${id}-port must be a port number, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  ports[id] = port;
}
if (values['print-config']) {
  const any = SIMULATOR_IDS.filter((id) => ports[id] === 0);
  if (any.length > 0) {
    console.error(
      `cardbind-sandbox: --print-config needs fixed ports (${any.map((id) => `--${id}-port 0`).join(', ')}: any free port, unknown until they start)`,
    );
    process.exit(2);
  }
  const urls = sandboxUrls(ports as Record<SimulatorId, number>);
  process.stdout.write(
    `${JSON.stringify({ providers: sandboxProviderConfigs(urls), routing: SANDBOX_ROUTING, providerNames: SANDBOX_PROVIDER_NAMES })}\n`,
  );
  process.exit(0);
}
// The aggregate-pay simulator also serves the sandbox bank's H5 page.
const { urls, close } = await serveSimulators({ ports });
process.stdout.write(`${JSON.stringify(urls)}\n`);
console.error('cardbind-sandbox: simulators listening (Ctrl-C to stop)');

const stop = async () => {
  await close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
