/**
 * Test workers on the run's real dev server (see test/setup/global-setup.ts): each test file gets
 * its own task queue, the real activities built from their dependencies, and the shared bundle.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { loadDirectory } from '../../config/directory';
import { loadSettings, type Settings } from '../../config/settings';
import { Store } from '../../store/store';
import { createActivities } from '../../workers/worker';

export interface TestTemporal {
  client: Client;
  settings: Settings;
  taskQueue: string;
  /** A worker like production's, on this file's task queue; `overrides` replace options (e.g. activities). */
  createWorker(overrides?: Partial<WorkerOptions>): Promise<Worker>;
  close(): Promise<void>;
}

export function testSettings(env: Record<string, string> = {}): Settings {
  const address = process.env.TEMPORAL_ADDRESS;
  if (!address)
    throw new Error(
      'TEMPORAL_ADDRESS is not set: run the tests through jest (global setup starts the server)',
    );
  const queue = `test-${randomUUID()}`;
  return loadSettings({
    TEMPORAL_ADDRESS: address,
    CONVENE_TASK_QUEUE: queue,
    // Each test file has a standing committee of its own, never the deployment's.
    CONVENE_COMMITTEE_ID: `committee-${queue}`,
    // Each test file writes its mail, ledger and documents to a folder of its own.
    CONVENE_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'convene-data-')),
    LOG_LEVEL: 'warn',
    DATABASE_URL: testStoreUrl(),
    CONVENE_STORE_SCHEMA: testStoreSchema(),
    ...env,
  });
}

export async function connectTestTemporal(env: Record<string, string> = {}): Promise<TestTemporal> {
  const settings = testSettings(env);
  const connection = await Connection.connect({ address: settings.temporal.address });
  const client = new Client({ connection, namespace: settings.temporal.namespace });
  const nativeConnections: NativeConnection[] = [];
  return {
    client,
    settings,
    taskQueue: settings.taskQueue,
    async createWorker(overrides = {}) {
      const native = await NativeConnection.connect({ address: settings.temporal.address });
      nativeConnections.push(native);
      return Worker.create({
        connection: native,
        namespace: settings.temporal.namespace,
        taskQueue: settings.taskQueue,
        workflowBundle: { codePath: requiredEnv('CONVENE_TEST_WORKFLOW_BUNDLE') },
        activities: createActivities({ settings, directory: loadDirectory(settings.directoryFile) }),
        ...overrides,
      });
    },
    async close() {
      await connection.close();
      await Promise.all(nativeConnections.map((c) => c.close()));
    },
  };
}

/** The run's embedded store (global setup), shared by every test as a machine's processes share it. */
export function testStoreUrl(): string {
  return requiredEnv('DATABASE_URL');
}

/**
 * A schema of its own in the run's store: the ledger and documents of one test never meet
 * another's (workflow ids are reused across files once a workflow has closed).
 */
export function testStoreSchema(): string {
  return `test_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
}

/** A store of its own for a test that uses the ledger or documents directly, on the run's store or `url`. */
export function testStore(url: string = testStoreUrl()): Store {
  return new Store(url, { maxConnections: 2, schema: testStoreSchema() });
}

function requiredEnv(key: string): string {
  const value = process.env[key];
  if (!value)
    throw new Error(`${key} is not set: run the tests through jest (global setup builds the bundle)`);
  return value;
}
