/**
 * A worker process: polls the task queue, runs workflows and activities. Start as many as needed
 * (`npm run worker`), on one machine or many; they share the task queue and nothing assumes one.
 */
import path from 'node:path';
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { loadStandingCommittee } from '../config/committee';
import { loadDirectory, type Directory } from '../config/directory';
import { ConfigError } from '../config/problems';
import { loadSettings, type Settings } from '../config/settings';
import { createCalendarActivities } from '../activities/calendar';
import { createCommitteeActivities } from '../activities/committee';
import { createDirectoryActivities } from '../activities/directory';
import { createDocumentActivities } from '../activities/documents';
import { createMailActivities } from '../activities/mail';
import { loadHolidayCalendars } from '../calendar/holidays';
import { createCalendarRegistry } from '../calendar/registry';
import { createTransport } from '../notifications/transport';
import { DocumentStore } from '../store/documents';
import { SentLedger } from '../store/sent-ledger';
import { storeFor, StoreUnavailableError, type Store } from '../store/store';
import { connectClient, connectWorkerConnection } from './connect';
import { createLogger } from './logging';

export const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');

export interface WorkerDeps {
  settings: Settings;
  directory: Directory;
  connection: NativeConnection;
  /** A client for visibility look-ups and queries (digest, carry-forward); connected on first use when absent. */
  client?: () => Promise<Client>;
  /** The shared store (sent-ledger, documents); the one the settings name when absent. */
  store?: Store;
}

/** The activities of a worker, built once from their real dependencies. */
export function createActivities(deps: Pick<WorkerDeps, 'settings' | 'directory' | 'client' | 'store'>) {
  const { settings, directory } = deps;
  const store = deps.store ?? storeFor(settings);
  return {
    ...createDirectoryActivities(directory),
    ...createCalendarActivities({
      calendars: createCalendarRegistry(directory.organizations, loadHolidayCalendars()),
    }),
    ...createMailActivities({
      transport: createTransport(settings.mail),
      ledger: new SentLedger(store),
      now: () => new Date(),
      from: settings.mail.from,
      publicUrl: settings.portal.publicUrl,
    }),
    ...createDocumentActivities({ documents: new DocumentStore(store) }),
    ...createCommitteeActivities({
      settings,
      directory,
      committee: loadStandingCommittee(directory),
      client: deps.client ?? lazyClient(settings),
    }),
  };
}

/** Connects when first asked, and again after a failed attempt. */
function lazyClient(settings: Settings): () => Promise<Client> {
  let client: Promise<Client> | undefined;
  return () =>
    (client ??= connectClient(settings).catch((err: unknown) => {
      client = undefined;
      throw err;
    }));
}

export async function createWorker(
  deps: WorkerDeps,
  overrides: Partial<WorkerOptions> = {},
): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.settings.temporal.namespace,
    taskQueue: deps.settings.taskQueue,
    workflowsPath: WORKFLOWS_PATH,
    activities: createActivities(deps),
    // Decisions sit idle for months; a bounded cache keeps a worker's memory flat (each cached
    // workflow holds 1-2 MB) at the price of a replay when an idle one wakes up.
    maxCachedWorkflows: 1_000,
    // On shutdown, activities in hand get this long to finish before they are cancelled, so a stop
    // ends within a service manager's timeout.
    shutdownGraceTime: '5 seconds',
    shutdownForceTime: '10 seconds',
    ...overrides,
  });
}

let runtimeInstalled = false;
/** Routes the SDK's own logs through our structured logger (once per process). */
export function installRuntime(settings: Settings): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: createLogger(settings.logLevel, { component: 'temporal-sdk' }) });
  runtimeInstalled = true;
}

/** How long a stop may take before the process ends anyway (a service manager waits about 15 s). */
export const STOP_DEADLINE_MS = 12_000;

/** Runs until SIGINT/SIGTERM; then finishes the tasks in hand and exits. */
export async function runWorkerProcess(
  settings: Settings,
  directory: Directory = loadDirectory(settings.directoryFile),
): Promise<void> {
  installRuntime(settings);
  const log = createLogger(settings.logLevel, { component: 'worker' });
  const store = storeFor(settings);
  await store.ready(); // a store that cannot be reached stops the worker now, not its first send
  const connection = await connectWorkerConnection(settings);
  const worker = await createWorker({ settings, directory, connection, store });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info('shutting down: finishing the tasks in hand', { signal });
      // A service manager kills after its own timeout (often 15 s); end cleanly before it.
      setTimeout(() => process.exit(0), STOP_DEADLINE_MS).unref();
      worker.shutdown();
    });
  }
  log.info('worker polling', {
    taskQueue: settings.taskQueue,
    address: settings.temporal.address,
    namespace: settings.temporal.namespace,
  });
  await worker.run();
  await connection.close();
  await store.close();
  log.info('worker stopped');
}

if (require.main === module) {
  let settings: Settings;
  try {
    settings = loadSettings();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
  runWorkerProcess(settings).then(
    // Stopped on a signal: nothing is left to wait for, and a lingering handle must not keep us alive.
    () => process.exit(0),
    (err: unknown) => {
      console.error(err instanceof ConfigError || err instanceof StoreUnavailableError ? err.message : err);
      process.exit(1);
    },
  );
}
