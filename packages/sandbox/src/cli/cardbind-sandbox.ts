#!/usr/bin/env node
/**
 * cardbind-sandbox: starts every provider simulator on loopback, each on its
 * own port, and prints a JSON map of their base URLs as the first line of
 * stdout (port 0 = any free port).
 *
 *   cardbind-sandbox [--tencent-csec-port N] [--tencent-faceid-port N] [--rz-port N] [--aggregate-pay-port N]
 *                    [--print-config]
 *
 * The sandbox bank page is served by the aggregate-pay simulator (its `submitUrl`).
 */
import { parseArgs } from 'node:util';
import { SIMULATOR_IDS, type SimulatorId, serveSimulators } from '../node.js';
import { SANDBOX_ROUTING } from '../provider-configs.js';

const USAGE = `usage: cardbind-sandbox [--tencent-csec-port N] [--tencent-faceid-port N] [--rz-port N] [--aggregate-pay-port N]
                        [--print-config]

Starts every provider simulator on 127.0.0.1 and prints a JSON map of their base URLs
as the first line of stdout. Port 0 (the default) takes any free port. The sandbox bank
page is served by the aggregate-pay simulator. Ctrl-C stops them.

--print-config  print instead the "providers" and "routing" of a BFF configuration that
                uses these simulators (paste them into cardbind.config.json)`;

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
  const raw = String(values[`${id}-port`] ?? '0');
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`cardbind-sandbox: --${id}-port must be a port number, got ${JSON.stringify(raw)}`);
    process.exit(2);
  }
  ports[id] = port;
}
// The aggregate-pay simulator also serves the sandbox bank's H5 page.
const { urls, configs, close } = await serveSimulators({ ports });
const firstLine = values['print-config']
  ? {
      providers: configs,
      routing: SANDBOX_ROUTING,
    }
  : urls;
process.stdout.write(`${JSON.stringify(firstLine)}\n`);
console.error('cardbind-sandbox: simulators listening (Ctrl-C to stop)');

const stop = async () => {
  await close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
