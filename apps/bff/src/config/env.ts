import { ConfigError } from './schema.js';

/**
 * Reads the configuration from the environment: `CARDBIND_CONFIG_JSON` holds
 * it as JSON (each platform passes secrets its own way, all can pass one
 * variable). Node's entry also accepts a file path in `CARDBIND_CONFIG`.
 */
export function configFromEnv(env: Readonly<Record<string, string | undefined>>): unknown {
  const json = env.CARDBIND_CONFIG_JSON;
  if (!json) throw new ConfigError(['CARDBIND_CONFIG_JSON: not set']);
  try {
    return JSON.parse(json);
  } catch {
    throw new ConfigError(['CARDBIND_CONFIG_JSON: not valid JSON']);
  }
}
