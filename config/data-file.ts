import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, problem, type ConfigSource } from './problems';

/**
 * The largest data file read: a specification, an input or a directory is a few kilobytes, and
 * YAML parsing grows with the input far beyond its size (a 50 MB file took 19 s and 1.6 GB).
 */
export const MAX_DATA_FILE_BYTES = 1024 * 1024;

/** A YAML or JSON file a person wrote (by its extension); unreadable, too large or malformed → ConfigError. */
export function readYamlOrJson(file: string, source: ConfigSource): unknown {
  let text: string;
  try {
    const { size } = statSync(file);
    if (size > MAX_DATA_FILE_BYTES) {
      throw new ConfigError(source, [problem('config.problem.tooLarge', { size: size / 1024 / 1024 })]);
    }
    text = readFileSync(file, 'utf8');
  } catch (err) {
    if (err instanceof ConfigError) throw err;
    throw new ConfigError(source, [
      problem('config.problem.unreadable', { reason: (err as NodeJS.ErrnoException).code ?? String(err) }),
    ]);
  }
  const json = path.extname(file) === '.json';
  try {
    return json ? JSON.parse(text) : yaml().parse(text);
  } catch (err) {
    throw new ConfigError(source, [
      problem('config.problem.notValid', { format: json ? 'JSON' : 'YAML', reason: (err as Error).message }),
    ]);
  }
}

/**
 * The YAML parser, loaded on the first YAML file: it is 72 modules, and most commands of the CLI
 * read only JSON or nothing (`require`, for the reason given in cli/main.ts).
 */
function yaml(): typeof import('yaml') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy loading, see above
  return require('yaml') as typeof import('yaml');
}
