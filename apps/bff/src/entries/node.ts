#!/usr/bin/env node
/**
 * Node entry: reads the configuration from the file named by CARDBIND_CONFIG
 * (or the JSON in CARDBIND_CONFIG_JSON), validates it, and serves the app.
 * A bad configuration stops the process with the paths at fault, no values.
 */
import { readFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { ConfigError, configFromEnv, createApp } from '../app.js';

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
  const app = createApp(loadConfig());
  const port = Number(process.env.PORT ?? 8787);
  const hostname = process.env.HOST ?? '127.0.0.1';
  serve({ fetch: app.fetch, port, hostname }, (info) => {
    process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://${hostname}:${info.port}` })}\n`);
  });
} catch (error) {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  throw error;
}
