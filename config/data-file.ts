import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { ConfigError } from './problems';

/** A YAML or JSON file a person wrote (by its extension); unreadable or malformed → ConfigError. */
export function readYamlOrJson(file: string, source: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(source, [`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`]);
  }
  const json = path.extname(file) === '.json';
  try {
    return json ? JSON.parse(text) : YAML.parse(text);
  } catch (err) {
    throw new ConfigError(source, [`is not valid ${json ? 'JSON' : 'YAML'}: ${(err as Error).message}`]);
  }
}
