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
import { SentLedger } from '../notifications/ledger';
import { createTransport } from '../notifications/transport';
import { dataConverter } from '../codec/data-converter';
import type { KeyRing } from '../codec/keys';
import { connectClient, connectWorkerConnection, loadKeys } from './connect';
import { createLogger } from './logging';
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
}

/** The activities of a worker, built once from their real dependencies. */
export function createActivities(deps: Pick<WorkerDeps, 'settings' | 'directory' | 'client' | 'keys'>) {
  const { settings, directory } = deps;
  return {
    ...createDirectoryActivities(directory),
    ...createCalendarActivities({
      calendars: createCalendarRegistry(directory.organizations, loadHolidayCalendars()),
    }),
    ...createMailActivities({
      transport: createTransport(settings.mail),
      ledger: new SentLedger(path.join(settings.dataDir, 'sent-ledger')),
      now: () => new Date(),
      from: settings.mail.from,
    }),
    ...createDocumentActivities({ documentsDir: path.join(settings.dataDir, 'documents') }),
    ...createCommitteeActivities({
      settings,
      directory,
      committee: loadStandingCommittee(directory),
      client: deps.client ?? lazyClient(settings, deps.keys),
    }),
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
    ...overrides,
  });
}

/**
 * What one cached workflow costs a worker, measured with `npx tsx scripts/bench-workflow-cost.ts`
 * (a decision, zod shared): 1.6 MiB of RSS, of which only about 30 KiB is JavaScript heap; the rest
 * is compiled code and the SDK core's state of the run. So the cache is sized by memory, not heap.
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

/** Runs until SIGINT/SIGTERM; then finishes the tasks in hand and exits. */
export async function runWorkerProcess(
  settings: Settings,
  directory: Directory = loadDirectory(settings.directoryFile),
): Promise<void> {
  installRuntime(settings);
  const log = createLogger(settings.logLevel, { component: 'worker' });
  const connection = await connectWorkerConnection(settings);
  const worker = await createWorker({ settings, directory, connection });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info('shutting down: finishing the tasks in hand', { signal });
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
  runWorkerProcess(settings).catch((err: unknown) => {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(1);
  });
}
