#!/usr/bin/env node
/**
 * Node entry: reads the configuration from the file named by CARDBIND_CONFIG
 * (or the JSON in CARDBIND_CONFIG_JSON), validates it, and serves the app with
 * the embedded store in CARDBIND_DATA_DIR (default ./.cardbind-data; every write
 * fsynced with CARDBIND_DATA_SYNC=1), or on the Redis at CARDBIND_REDIS_URL when
 * several instances share one.
 * A bad configuration stops the process with the paths at fault, no values.
 */
import { readFileSync } from 'node:fs';
import { ConfigError, configFromEnv, parseConfig } from '../app.js';
import { serveNode } from '../node/serve.js';

function loadConfig(): unknown {
  const file = process.env.CARDBIND_CONFIG;
  if (!file) return configFromEnv(process.env);
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    throw new ConfigError([`CARDBIND_CONFIG: cannot read JSON from the file it names`]);
  }
}

try {
  const config = parseConfig(loadConfig());
  const server = await serveNode(config, {
    port: Number(process.env.PORT ?? 8787),
    hostname: process.env.HOST ?? '127.0.0.1',
    dataDir: process.env.CARDBIND_DATA_DIR ?? '.cardbind-data',
    dataSync: process.env.CARDBIND_DATA_SYNC === '1',
    ...(process.env.CARDBIND_REDIS_URL ? { redisUrl: process.env.CARDBIND_REDIS_URL } : {}),
  });
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: server.url })}\n`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
