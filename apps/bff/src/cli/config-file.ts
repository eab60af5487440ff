import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { type ParseError, parse, printParseErrorCode } from 'jsonc-parser';
import { CliError } from './errors.js';

export const DEFAULT_CONFIG_FILE = 'cardbind.config.json';

/**
 * Reads a configuration file as JSON; a missing or unreadable file is a CliError naming it, but a
 * missing one is `undefined` when `optional` (`dev` without a file); broken JSON is never ignored.
 */
export async function readConfigFile(file: string): Promise<Record<string, unknown>>;
export async function readConfigFile(
  file: string,
  options: { optional: true },
): Promise<Record<string, unknown> | undefined>;
export async function readConfigFile(
  file: string,
  options: { optional?: boolean } = {},
): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (missing && options.optional) return undefined;
    throw new CliError(
      missing ? `${file} does not exist. Create one with \`npx cardbind init\`.` : `cannot read ${file}.`,
    );
  }
  const errors: ParseError[] = [];
  const value = parse(text, errors, { disallowComments: true, allowTrailingComma: false }) as unknown;
  const [first] = errors;
  if (first) {
    // Where, as an editor counts (1-based line and column), and what was expected there.
    const before = text.slice(0, first.offset).split('\n');
    const line = before.length;
    const column = (before.at(-1)?.length ?? 0) + 1;
    const what = printParseErrorCode(first.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase();
    throw new CliError(`${file} is not valid JSON: ${what} at line ${line}, column ${column}.`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliError(`${file} is not a JSON object.`);
  }
  return value as Record<string, unknown>;
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
