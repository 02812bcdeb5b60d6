/**
 * One real Temporal dev server for the whole test run (in memory, free port, our search
 * attributes registered), the embedded store (PGlite in memory, served on a free port, as
 * `npm start` serves it), and the workflow bundle built once for every test worker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { startEmbeddedStore, type RunningEmbeddedStore } from '../../store/embedded';
import { freePort, startDevServer, type RunningDevServer } from '../../workers/dev-server';
import { findOrBuildTemporalCli } from '../../workers/temporal-cli';
import { WORKFLOWS_PATH } from '../../workers/worker';

declare global {
  var __CONVENE_DEV_SERVER__: RunningDevServer | undefined;
  var __CONVENE_STORE__: RunningEmbeddedStore | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  const port = await freePort();
  const server = await startDevServer({ cliPath: cli.path, port, namespace: 'default' });
  globalThis.__CONVENE_DEV_SERVER__ = server;
  const store = await startEmbeddedStore({ port: await freePort() });
  globalThis.__CONVENE_STORE__ = store;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-test-'));
  const bundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quietLogger });
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env.TEMPORAL_ADDRESS = server.address;
  // Every test (and every CLI it runs) uses this store, as every process of a machine uses the launcher's.
  process.env.DATABASE_URL = store.url;
  process.env.CONVENE_TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.CONVENE_TEST_TEMPORAL_CLI = cli.path;
  console.log(`\nTemporal dev server for the tests: ${server.address} (${cli.source}: ${cli.path})`);
  console.log(`Embedded store for the tests: ${store.url}`);
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
