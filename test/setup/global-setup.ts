/**
 * One real Temporal dev server for the whole test run (in memory, free port, our search
 * attributes registered), and the workflow bundle built once for every test worker.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { freePort, startDevServer, type RunningDevServer } from '../../workers/dev-server';
import { findOrBuildTemporalCli } from '../../workers/temporal-cli';
import { WORKFLOW_BUNDLE_OPTIONS } from '../../workers/worker';
import { TEST_ENCRYPTION_KEYS } from '../helpers/keys';

declare global {
  var __CONVENE_DEV_SERVER__: RunningDevServer | undefined;
}

export default async function globalSetup(): Promise<void> {
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  const port = await freePort();
  const server = await startDevServer({ cliPath: cli.path, port, namespace: 'default' });
  globalThis.__CONVENE_DEV_SERVER__ = server;

  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-test-'));
  const bundle = await bundleWorkflowCode({ ...WORKFLOW_BUNDLE_OPTIONS, logger: quietLogger });
  const bundlePath = path.join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, bundle.code);

  process.env.TEMPORAL_ADDRESS = server.address;
  process.env.CONVENE_TEST_WORKFLOW_BUNDLE = bundlePath;
  process.env.CONVENE_TEST_TEMPORAL_CLI = cli.path;
  // Every client and worker of the run, the CLI's child processes included, seals with the test key.
  process.env.CONVENE_ENCRYPTION_KEYS ??= TEST_ENCRYPTION_KEYS;
  console.log(`\nTemporal dev server for the tests: ${server.address} (${cli.source}: ${cli.path})`);
}

const noop = () => undefined;
const quietLogger = { log: noop, trace: noop, debug: noop, info: noop, warn: noop, error: noop };
