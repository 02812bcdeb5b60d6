/**
 * A data file named on the command line. Its own module so that a command that reads one
 * (`decision import`, `agenda …`) does not load another command's module for it.
 */
import { readYamlOrJson } from '../config/data-file';
import { ConfigError } from '../config/problems';
import { UserError } from './output';

/** A YAML or JSON file a person wrote; a problem names the file (exit 1: it is input, not configuration). */
export function readDataFile(file: string): unknown {
  try {
    return readYamlOrJson(file, file);
  } catch (err) {
    if (err instanceof ConfigError)
      throw new UserError('cli.error.dataFile', { file, problems: { lines: [...err.lines] } });
    throw err;
  }
}
