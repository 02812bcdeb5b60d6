/**
 * The engine a benchmark runs against, of its own: a Temporal dev server with its history in a
 * temporary folder (SQLite, as `npm start` keeps it), the embedded store in memory, the settings
 * that point at both, a sealed client, and what a worker needs (the workers' cached bundle and the
 * activities).
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { formatKeyList, generateKey, KeyRing } from '../../codec/keys';
import { loadDirectory } from '../../config/directory';
import { loadSettings, type Settings } from '../../config/settings';
import { startEmbeddedStore, type RunningEmbeddedStore } from '../../store/embedded';
import { freePort, startDevServer } from '../../workers/dev-server';
import { createLogger } from '../../workers/logging';
import { findOrBuildTemporalCli } from '../../workers/temporal-cli';
import { createActivities } from '../../workers/worker';
import { prebuiltWorkflowBundle } from '../../workers/workflow-bundle';

export interface BenchEngine {
  dir: string;
  settings: Settings;
  keys: KeyRing;
  store: RunningEmbeddedStore;
  connection: Connection;
  /** Seals payloads, as every deployment does. */
  client: Client;
  native: NativeConnection;
  workflowBundle: { codePath: string };
  activities: ReturnType<typeof createActivities>;
  stop(): Promise<void>;
}

export async function startBenchEngine(
  taskQueue: string,
  env: Record<string, string> = {},
): Promise<BenchEngine> {
  Runtime.install({ logger: createLogger('warn') });
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.error(m) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'));
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    namespace: 'default',
    dbFile: path.join(dir, 'temporal.sqlite'),
  });
  const store = await startEmbeddedStore({ port: 0 });
  // A key of the run's own, in the settings, so that whatever the benchmark starts loads the same one.
  const key = generateKey(new Date());
  const settings = loadSettings({
    CONVENE_ENCRYPTION_KEYS: formatKeyList([key]),
    TEMPORAL_ADDRESS: server.address,
    DATABASE_URL: store.url,
    CONVENE_DATA_DIR: dir,
    CONVENE_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'warn',
    ...env,
  });
  const keys = new KeyRing([key]);
  const connection = await Connection.connect({ address: server.address });
  const native = await NativeConnection.connect({ address: server.address });
  // The workers' own bundle (shared zod, the metrics interceptor), from the cache when current.
  const workflowBundle = { codePath: (await prebuiltWorkflowBundle(createLogger('warn'))).codePath };
  return {
    dir,
    settings,
    keys,
    store,
    connection,
    client: new Client({ connection, dataConverter: dataConverter(keys) }),
    native,
    workflowBundle,
    activities: createActivities({ settings, keys, directory: loadDirectory(settings.directoryFile) }),
    async stop() {
      await native.close();
      await connection.close();
      await server.stop();
      await store.stop();
    },
  };
}
