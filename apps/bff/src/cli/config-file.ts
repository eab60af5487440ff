import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { CliError } from './errors.js';

export const DEFAULT_CONFIG_FILE = 'cardbind.config.json';

/** Reads a configuration file as JSON; a missing or unreadable file is a CliError naming it. */
export async function readConfigFile(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new CliError(
      missing ? `${file} does not exist. Create one with \`npx cardbind init\`.` : `cannot read ${file}.`,
    );
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('not an object');
    return value as Record<string, unknown>;
  } catch {
    throw new CliError(`${file} is not a JSON object.`);
  }
}

/** Written with mode 0600: the file holds the signing keys and secrets. */
export async function writeConfigFile(file: string, config: unknown, options: { overwrite: boolean }): Promise<void> {
  try {
    await writeFile(file, `${JSON.stringify(config, null, 2)}\n`, {
      mode: 0o600,
      flag: options.overwrite ? 'w' : 'wx',
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${file} already exists. Pass --force to replace it (its keys and secrets are lost).`);
    }
    throw error;
  }
  await ownerOnly(file);
}

/**
 * A file that holds secrets, readable by its owner only. A mode given when writing applies only to
 * a file the write creates: one that existed (replaced with --force, rotated, appended to) keeps
 * its own, so it is tightened here, and the user told.
 */
export async function ownerOnly(file: string): Promise<void> {
  const { mode } = await stat(file);
  if ((mode & 0o077) === 0) return;
  await chmod(file, 0o600);
  console.log(`tightened ${file} from mode 0${(mode & 0o777).toString(8)} to 0600: it holds secrets`);
}
