/**
 * The stores a store test runs on: the run's embedded store (PGlite, served as `npm start` serves
 * it) always, and a real PostgreSQL server when CONVENE_TEST_POSTGRES_URL names one (.ci/run
 * starts a throwaway cluster and sets it). Without it that variant is skipped, and its name says why.
 */
import { testStoreUrl } from '../helpers/temporal';

export function describeOnEachStore(what: string, tests: (url: () => string) => void): void {
  describe(`${what} on the embedded store (PGlite)`, () => tests(testStoreUrl));
  const postgres = process.env.CONVENE_TEST_POSTGRES_URL;
  if (postgres) describe(`${what} on a PostgreSQL server`, () => tests(() => postgres));
  else
    describe.skip(`${what} on a PostgreSQL server — SKIPPED: CONVENE_TEST_POSTGRES_URL is unset (.ci/run starts a server and sets it)`, () =>
      tests(() => ''));
}
