#!/usr/bin/env node
/**
 * The `cardbind` command: init, check, keys rotate, dev, start. Problems the
 * user can fix print one line and no stack.
 */
import { appendFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { check } from './check.js';
import { DEFAULT_CONFIG_FILE, ownerOnly, readConfigFile, writeConfigFile } from './config-file.js';
import { dotenvUrlNote, loopbackPort } from './dotenv.js';
import { CliError } from './errors.js';
import { init } from './init.js';
import { rotateSigningKeys } from './keys.js';

const USAGE = `usage: cardbind <command> [options]

  init          write a configuration with fresh keys (the API key is printed once)
                  --origin <url>...     the page(s) that embed the widget (required)
                  --config <file>       default ${DEFAULT_CONFIG_FILE}
                  --dotenv <file>       also append CARDBIND_API_KEY, CARDBIND_URL and CARDBIND_ORIGIN
                                        (the first --origin) to this file, for your server
                  --port <n>            where \`cardbind dev\` will listen (default PORT or 8787):
                                        the sandbox publicUrl and CARDBIND_URL
                  --live                placeholders for live providers instead of the sandbox
                  --staging             for \`cardbind start\`, its providers the simulators that
                                        \`cardbind-sandbox\` starts on its default ports
                  --public-url <url>    the BFF's public https URL (required with --live;
                                        sandbox default http://127.0.0.1:$PORT or :8787)
                  --webhook-url <url>   where events are POSTed
                  --merchant-id <id>    default shop
                  --force               replace an existing file
  check [file]  validate a configuration and say what is wrong
  keys rotate   add a fresh signing key; the old one verifies for --verify-for <seconds> (3600)
                  --config <file>
  dev           the BFF with every provider simulator, on http://127.0.0.1:8787
                  --config <file>       default ${DEFAULT_CONFIG_FILE} when it exists
                  --origin <url>...     origins allowed besides the configuration's
                  --port <n>            default PORT, else the configuration's loopback
                                        publicUrl port (what init wrote), else 8787 (0: any free port)
                  --host <host>         default 127.0.0.1
                  --webhook-url <url>   POST every event there
                  --json                print one JSON line {url, apiKey?, …} instead of the banner
  start         the BFF for production on Node (embedded store, or CARDBIND_REDIS_URL)
                  --config <file>       default CARDBIND_CONFIG or ${DEFAULT_CONFIG_FILE}
                  --port <n> --host <host> --data-dir <dir>

  -h, --help    this text`;

const OPTIONS = {
  origin: { type: 'string', multiple: true },
  config: { type: 'string' },
  dotenv: { type: 'string' },
  live: { type: 'boolean' },
  staging: { type: 'boolean' },
  'public-url': { type: 'string' },
  'webhook-url': { type: 'string' },
  'merchant-id': { type: 'string' },
  force: { type: 'boolean' },
  'verify-for': { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  'data-dir': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function portOf(raw: string | undefined, fallback: number): number {
  const port = Number(raw ?? fallback);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new CliError(`--port must be a port number (0–65535), got ${JSON.stringify(raw)}.`, 2);
  }
  return port;
}

/** On Ctrl-C or SIGTERM: close, then exit 0 (a stopped server is not a failure). */
function stopOnSignal(close: () => Promise<void>): void {
  const stop = () => void close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function runInit(values: Values): Promise<void> {
  const file = values.config ?? DEFAULT_CONFIG_FILE;
  if (values.live && values.staging) throw new CliError('--live or --staging, not both.', 2);
  const { apiKey, config } = await init({
    file,
    mode: values.live ? 'live' : 'test',
    staging: values.staging ?? false,
    origins: values.origin ?? [],
    publicUrl: values['public-url'],
    merchantId: values['merchant-id'] ?? 'shop',
    webhookUrl: values['webhook-url'],
    force: values.force ?? false,
    devPort: portOf(values.port ?? process.env.PORT, 8787),
  });
  const url = String(config.publicUrl);
  const origin = String((config.merchants as { allowedOrigins: string[] }[])[0]?.allowedOrigins[0]);
  if (values.dotenv) {
    await appendFile(values.dotenv, `CARDBIND_API_KEY=${apiKey}\nCARDBIND_URL=${url}\nCARDBIND_ORIGIN=${origin}\n`, {
      mode: 0o600,
    });
    await ownerOnly(values.dotenv);
  }
  const next = values.live
    ? 'live: replace every REPLACE_ME, then `cardbind check`'
    : values.staging
      ? 'staging: start the simulators with `npx cardbind-sandbox`, then `npx cardbind start`'
      : 'sandbox: run it with `npx cardbind dev`';
  console.log(`wrote ${file} (${next})

API key for ${String((config.merchants as { id: string }[])[0]?.id)}, shown once (the file keeps only its SHA-256):

  ${apiKey}
${values.dotenv ? `\nalso appended to ${values.dotenv} as CARDBIND_API_KEY, with CARDBIND_URL=${url} and CARDBIND_ORIGIN=${origin}\n` : ''}
Keep it on your server; the browser gets a widget token from POST /v1/sessions instead.`);
}

async function runCheck(values: Values, file: string): Promise<void> {
  const report = await check(await readConfigFile(file));
  for (const warning of report.warnings) console.log(`warning  ${warning}`);
  if (report.problems.length > 0) {
    for (const problem of report.problems) console.log(`problem  ${problem}`);
    throw new CliError(`${file}: ${report.problems.length} problem(s)`);
  }
  const config = report.config;
  console.log(
    `${file}: ok — ${config?.merchants.length} merchant(s), providers: ${Object.keys(config?.providers ?? {}).join(', ') || 'none (sandbox only)'}`,
  );
  if (values.json) console.log(JSON.stringify({ ok: true }));
}

async function runRotate(values: Values): Promise<void> {
  const file = values.config ?? DEFAULT_CONFIG_FILE;
  const verifyFor = Number(values['verify-for'] ?? 3600);
  if (!Number.isInteger(verifyFor) || verifyFor < 0) throw new CliError('--verify-for must be whole seconds.', 2);
  const result = await rotateSigningKeys(await readConfigFile(file), verifyFor);
  await writeConfigFile(file, result.config, { overwrite: true });
  console.log(`${file}: ${result.added} signs from the next start`);
  for (const k of result.retiring) console.log(`  ${k.kid} verifies until ${k.verifyUntil}`);
  for (const kid of result.removed) console.log(`  ${kid} removed (past its window)`);
}

// The servers (the whole BFF, the simulators) load only for the commands that run them: init,
// check and keys start in a third of the time.
async function runDev(values: Values): Promise<void> {
  const [{ dev }, { CARDHOLDERS }] = await Promise.all([import('./dev.js'), import('@cardbind/sandbox')]);
  const explicit = values.config;
  const file = explicit ?? DEFAULT_CONFIG_FILE;
  // The default file may be absent (a sandbox run); one that is there and broken is said.
  const fileConfig = explicit ? await readConfigFile(file) : await readConfigFile(file, { optional: true });
  const server = await dev({
    fileConfig,
    origins: values.origin ?? [],
    port: portOf(values.port ?? process.env.PORT, loopbackPort(fileConfig) ?? 8787),
    host: values.host ?? process.env.HOST ?? '127.0.0.1',
    webhookUrl: values['webhook-url'],
    log: values.json ? (line) => process.stderr.write(`${line}\n`) : devLog,
  });
  stopOnSignal(server.close);
  const note = await dotenvUrlNote(server.url);
  if (values.json) {
    const { close: _close, ...info } = server;
    process.stdout.write(`${JSON.stringify({ event: 'listening', ...info, ...(note ? { note } : {}) })}\n`);
    return;
  }
  if (note) console.log(note);
  const holder = CARDHOLDERS[0];
  console.log(`cardbind dev: the BFF on ${server.url}, with the sandbox simulators (no real provider is called)

  merchant   ${server.merchantId}, for ${server.origins.join(', ')}
  API key    ${server.apiKey ?? `the one \`cardbind init\` printed for ${file}`}
  widget     <script src="${server.url}/widget/cardbind.js"></script>, or mount() from @cardbind/widget
  try        ${holder?.name} / ${holder?.idNumber} / ${holder?.cards[0]} / ${holder?.phone} (verified); more in the sandbox README

Ctrl-C stops it.`);
}

/** One short line per request instead of the JSON log. */
function devLog(line: string): void {
  try {
    const entry = JSON.parse(line) as Record<string, unknown>;
    if (entry.msg === 'request' || entry.event === 'request') {
      const extra = entry.outcome ? ` ${String(entry.outcome)}${entry.reason ? `/${String(entry.reason)}` : ''}` : '';
      console.log(
        `${String(entry.method)} ${String(entry.route)} → ${String(entry.status)} (${String(entry.ms)} ms)${extra}`,
      );
      return;
    }
  } catch {}
  console.log(line);
}

async function runStart(values: Values): Promise<void> {
  const file = values.config ?? process.env.CARDBIND_CONFIG ?? DEFAULT_CONFIG_FILE;
  const report = await check(await readConfigFile(file));
  if (report.problems.length > 0 || !report.config) {
    throw new CliError(`${file} is not valid; \`cardbind check ${file}\` says why:\n  ${report.problems.join('\n  ')}`);
  }
  // What `check` warns of, in the log (keys a newer file has that this version ignores, say).
  for (const warning of report.warnings) console.log(JSON.stringify({ level: 'warn', msg: 'config_warning', warning }));
  // One handler for the process's whole life (swapping handlers leaves an instant with none, when
  // a signal kills the process outright): before it is ready (waiting for Redis, say) it says so
  // and exits 1; once it listens, it closes and exits 0.
  let ready: (() => Promise<void>) | undefined;
  const stop = (signal: NodeJS.Signals) => {
    if (ready) return void ready().then(() => process.exit(0));
    console.error(
      `cardbind: stopped by ${signal} before it was ready${process.env.CARDBIND_REDIS_URL ? ' (still waiting for Redis)' : ''}.`,
    );
    process.exit(1);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { serveNode } = await import('../node/serve.js');
  const server = await serveNode(report.config, {
    port: portOf(values.port ?? process.env.PORT, 8787),
    hostname: values.host ?? process.env.HOST ?? '127.0.0.1',
    dataDir: values['data-dir'] ?? process.env.CARDBIND_DATA_DIR ?? '.cardbind-data',
    ...(process.env.CARDBIND_REDIS_URL ? { redisUrl: process.env.CARDBIND_REDIS_URL } : {}),
    ...(process.env.CARDBIND_REDIS_WAIT_SECONDS
      ? { redisConnectDeadlineMs: Number(process.env.CARDBIND_REDIS_WAIT_SECONDS) * 1000 }
      : {}),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE')
      throw new CliError(`the port is in use. Choose another with --port <n> or PORT=<n>.`);
    if (error.code === 'REDIS_UNREACHABLE')
      throw new CliError(`${error.message}. Check CARDBIND_REDIS_URL; CARDBIND_REDIS_WAIT_SECONDS sets the wait.`);
    throw error;
  });
  ready = server.close;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
}

async function main(argv: string[]): Promise<void> {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2);
  }
  const { values, positionals } = parsed;
  const [command, sub, extra] = positionals;
  if (values.help || command === 'help') {
    console.log(USAGE);
    return;
  }
  switch (command) {
    case 'init':
      return runInit(values);
    case 'check':
      return runCheck(values, sub ?? values.config ?? DEFAULT_CONFIG_FILE);
    case 'keys':
      if (sub === 'rotate' && extra === undefined) return runRotate(values);
      throw new CliError(`unknown: cardbind keys ${sub ?? ''}. Did you mean \`cardbind keys rotate\`?\n\n${USAGE}`, 2);
    case 'dev':
      return runDev(values);
    case 'start':
      return runStart(values);
    default:
      throw new CliError(command ? `unknown command ${JSON.stringify(command)}\n\n${USAGE}` : USAGE, 2);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof CliError) {
    console.error(`cardbind: ${error.message}`);
    process.exit(error.exitCode);
  }
  console.error(error);
  process.exit(1);
});
