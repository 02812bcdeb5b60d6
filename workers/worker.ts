/**
 * A worker process: polls the task queue, runs workflows and activities. Start as many as needed
 * (`npm run worker`), on one machine or many; they share the task queue and nothing assumes one.
 */
import { NativeConnection, Runtime, Worker, type WorkerOptions } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { loadStandingCommittee } from '../config/committee';
import { loadDirectory, type Directory } from '../config/directory';
import { ConfigError, saidAtStart } from '../config/problems';
import { loadSettings, type Settings } from '../config/settings';
import { createCalendarActivities } from '../activities/calendar';
import { createCommitteeActivities } from '../activities/committee';
import { createCouncilActivities } from '../activities/council';
import { createDecisionStartActivities } from '../activities/decision-starts';
import { createDirectoryActivities } from '../activities/directory';
import { createDocumentActivities } from '../activities/documents';
import { createMailActivities } from '../activities/mail';
import { loadHolidayCalendars } from '../calendar/holidays';
import { createCalendarRegistry } from '../calendar/registry';
import { createTransport } from '../notifications/transport';
import { dataConverter } from '../codec/data-converter';
import type { KeyRing } from '../codec/keys';
import { DocumentStore } from '../store/documents';
import { SentLedger } from '../store/sent-ledger';
import { storeFor, StoreUnavailableError, type Store } from '../store/store';
import { connectClient, loadKeys } from './connect';
import { connectWorkerConnection } from './worker-connection';
import { createLogger } from './logging';
import { createFilesPrivately } from './private-files';
import { prebuiltWorkflowBundle } from './workflow-bundle';

export { WORKFLOWS_PATH } from './workflow-bundle';

export interface WorkerDeps {
  settings: Settings;
  directory: Directory;
  connection: NativeConnection;
  /** The payload codec's keys; read from the settings when absent. */
  keys?: KeyRing;
  /** A client for visibility look-ups and queries (digest, carry-forward); connected on first use when absent. */
  client?: () => Promise<Client>;
  /** The shared store (sent-ledger, documents); the one the settings name when absent. */
  store?: Store;
}

/** The activities of a worker, built once from their real dependencies. */
export function createActivities(
  deps: Pick<WorkerDeps, 'settings' | 'directory' | 'client' | 'keys' | 'store'>,
) {
  const { settings, directory } = deps;
  const store = deps.store ?? storeFor(settings);
  const client = deps.client ?? lazyClient(settings, deps.keys);
  return {
    ...createDirectoryActivities(directory),
    ...createCalendarActivities({
      calendars: createCalendarRegistry(directory.organizations, loadHolidayCalendars()),
    }),
    ...createMailActivities({
      transport: createTransport(settings.mail),
      ledger: new SentLedger(store, { keys: deps.keys ?? loadKeys(settings) }),
      now: () => new Date(),
      from: settings.mail.from,
      publicUrl: settings.portal.publicUrl,
    }),
    ...createDocumentActivities({
      documents: new DocumentStore(store, deps.keys ?? loadKeys(settings)),
      directory,
    }),
    ...createCommitteeActivities({
      settings,
      directory,
      committee: loadStandingCommittee(directory),
      client,
    }),
    ...createDecisionStartActivities({ client }),
    ...createCouncilActivities({ client }),
  };
}

/** Connects when first asked, and again after a failed attempt. */
function lazyClient(settings: Settings, keys?: KeyRing): () => Promise<Client> {
  let client: Promise<Client> | undefined;
  return () =>
    (client ??= connectClient(settings, keys).catch((err: unknown) => {
      client = undefined;
      throw err;
    }));
}

export async function createWorker(
  deps: WorkerDeps,
  overrides: Partial<WorkerOptions> = {},
): Promise<Worker> {
  const log = createLogger(deps.settings.logLevel, { component: 'worker' });
  const bundle = await prebuiltWorkflowBundle(log);
  return Worker.create({
    connection: deps.connection,
    namespace: deps.settings.temporal.namespace,
    taskQueue: deps.settings.taskQueue,
    workflowBundle: { codePath: bundle.codePath },
    dataConverter: dataConverter(deps.keys ?? loadKeys(deps.settings)),
    activities: createActivities(deps),
    ...workerCacheOptions(),
    // On shutdown, activities in hand get this long to finish before they are cancelled, so a stop
    // ends within a service manager's timeout.
    shutdownGraceTime: '5 seconds',
    shutdownForceTime: '10 seconds',
    ...overrides,
  });
}

/**
 * What one cached workflow costs a worker. Its objects live in the heap of the workflow thread, which
 * the main thread's `heapUsed` does not count, and that heap has the limit below too: in the SDK's
 * reusable context (`npx tsx --expose-gc scripts/bench-workflow-load.ts`) a decision holds 0.65 MiB
 * of heap, 2.9 MiB when every workflow module was evaluated for each (then 337 cached decisions
 * overran the 768 MiB and the workflow thread died: bench-decisions at 1,000). Per cached decision,
 * `npx tsx scripts/bench-workflow-cost.ts` measures 1.0 MiB of RSS, and bench-decisions at 1,000
 * peaks near 1.45 MiB with the garbage between collections; 1.6 keeps that peak within the budget.
 */
export const RSS_PER_CACHED_WORKFLOW_MIB = 1.6;
/** A worker's RSS with an empty cache (bundle loaded, activities built), measured the same way. */
const RSS_OUTSIDE_CACHE_MIB = 350;
/** What one worker process may take. */
export const WORKER_RSS_BUDGET_MIB = 1024;
/** Node's heap limit in the worker scripts (`--max-old-space-size`: package.json and the benchmarks): room for bursts of garbage. */
export const WORKER_HEAP_MIB = 768;

/**
 * Decisions sit idle for months: a bounded cache keeps a worker's memory flat at the price of a
 * replay when an idle one wakes up. Its size is what the memory budget leaves after the worker's own
 * share, with a fifth kept free, at the measured size of a cached workflow.
 */
export function workerCacheOptions(budgetMib = WORKER_RSS_BUDGET_MIB) {
  const forCache = (budgetMib - RSS_OUTSIDE_CACHE_MIB) * 0.8;
  return { maxCachedWorkflows: Math.max(50, Math.floor(forCache / RSS_PER_CACHED_WORKFLOW_MIB)) };
}

let runtimeInstalled = false;
/**
 * Routes the SDK's own logs through our structured logger and, when an address is set, serves the
 * SDK's metrics and ours (workflow and activity counters go through its meter) for Prometheus at
 * http://<address>/metrics. Once per process.
 */
export function installRuntime(settings: Settings): void {
  if (runtimeInstalled) return;
  Runtime.install({
    logger: createLogger(settings.logLevel, { component: 'temporal-sdk' }),
    ...(settings.metricsAddress && {
      telemetryOptions: {
        metrics: { prometheus: { bindAddress: settings.metricsAddress, countersTotalSuffix: true } },
      },
    }),
  });
  runtimeInstalled = true;
}

/** Where Prometheus scrapes this process, if anywhere. */
export function metricsUrl(settings: Settings): string | undefined {
  return settings.metricsAddress && `http://${settings.metricsAddress}/metrics`;
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
    metrics: metricsUrl(settings) ?? 'off',
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
    console.error(err instanceof ConfigError ? saidAtStart(err) : err);
    process.exit(2);
  }
  createFilesPrivately();
  runWorkerProcess(settings).then(
    // Stopped on a signal: nothing is left to wait for, and a lingering handle must not keep us alive.
    () => process.exit(0),
    (err: unknown) => {
      console.error(
        err instanceof ConfigError
          ? saidAtStart(err)
          : err instanceof StoreUnavailableError
            ? err.message
            : err,
      );
      process.exit(1);
    },
  );
}
