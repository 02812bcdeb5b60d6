/**
 * `npm run temporal:ensure`: find or build the Temporal CLI and print where it is.
 * `--quiet` prints only progress of a build (used before the tests).
 */
import { findOrBuildTemporalCli, TemporalCliNotFound } from '../workers/temporal-cli';

async function main(): Promise<void> {
  const quiet = process.argv.includes('--quiet');
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.error(m) });
  if (!quiet) console.log(`Temporal CLI: ${cli.path} (found through ${cli.source}; ${cli.version})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof TemporalCliNotFound ? err.message : err);
  process.exit(1);
});
