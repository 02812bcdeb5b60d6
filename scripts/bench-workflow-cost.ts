/**
 * What one workflow costs a worker, before and after sharing modules across workflows: for each
 * bundle (the plain bundle, every module evaluated per workflow; the shared one, zod evaluated once
 * per V8 context and each workflow's own modules only) a worker process starts, N decisions run their first activation
 * and stay in the cache, and the worker reports its start time, CPU and heap (after a full GC).
 * Same dev server, same run.
 *
 *   npx tsx scripts/bench-workflow-cost.ts [--count 300] [--before <bundle.js>]
 *
 * With --before, the first variant is that prebuilt bundle (say, the one an older checkout built
 * into the cache) instead of the plain one: before and after on the same server, in the same run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { formatKeyList, generateKey } from '../codec/keys';
import { loadDirectory } from '../config/directory';
import { loadSettings } from '../config/settings';
import { workflowIds } from '../domain/ids';
import { freePort, startDevServer } from '../workers/dev-server';
import { createLogger } from '../workers/logging';
import { findOrBuildTemporalCli } from '../workers/temporal-cli';
import { createActivities } from '../workers/worker';
import { prebuiltWorkflowBundle, WORKFLOWS_PATH } from '../workers/workflow-bundle';
import {
  decisionStatusQuery,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../workflows/definitions/decision-tracking';
import { benchDecisionInput } from './bench/decision-input';

type Variant = 'plain' | 'before' | 'shared';

interface WorkerReport {
  createMs: number;
  cpuMs: number;
  heapBytes: number;
  rssBytes: number;
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

// ── The worker process: creates its worker, then answers "measure" with CPU and heap after GC ─────

async function runWorker(variant: Variant, address: string, taskQueue: string, dir: string): Promise<void> {
  const log = createLogger('warn', { component: 'temporal-sdk' });
  Runtime.install({ logger: log });
  const settings = loadSettings({
    TEMPORAL_ADDRESS: address,
    CONVENE_DATA_DIR: dir,
    CONVENE_ENCRYPTION_KEYS: process.env.CONVENE_ENCRYPTION_KEYS,
    LOG_LEVEL: 'warn',
  });
  const connection = await NativeConnection.connect({ address });
  const began = performance.now();
  // The plain variant is the worker of before: webpack at every start, every module per workflow.
  const code =
    variant === 'plain'
      ? { workflowsPath: WORKFLOWS_PATH }
      : { workflowBundle: variant === 'before' ? { codePath: arg('bundle', '') } : await prebuilt(log) };
  const worker = await Worker.create({
    connection,
    taskQueue,
    ...code,
    activities: createActivities({ settings, directory: loadDirectory(settings.directoryFile) }),
    maxCachedWorkflows: 100_000, // every workflow stays cached: the heap is what they hold
  });
  const createMs = performance.now() - began;
  const gc = (globalThis as { gc?: () => void }).gc!;
  const measure = (): WorkerReport => {
    gc();
    const cpu = process.cpuUsage();
    const memory = process.memoryUsage();
    return {
      createMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      heapBytes: memory.heapUsed,
      rssBytes: memory.rss,
    };
  };
  process.on('message', (m) => {
    if (m === 'measure') process.send!(measure());
  });
  const running = worker.run();
  process.send!('ready');
  await running;
  await connection.close();
}

async function prebuilt(log: ReturnType<typeof createLogger>) {
  return { codePath: (await prebuiltWorkflowBundle(log)).codePath };
}

// ── The driver ──────────────────────────────────────────────────────────────────────────────────────

function spawnWorker(variant: Variant, address: string, dir: string): ChildProcess {
  return spawn(
    process.execPath,
    [
      ...process.execArgv,
      '--expose-gc',
      __filename,
      '--role',
      'worker',
      '--variant',
      variant,
      '--address',
      address,
      '--dir',
      dir,
      ...(variant === 'before' ? ['--bundle', arg('before', '')] : []),
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
}

function ask(child: ChildProcess, message: string): Promise<WorkerReport> {
  return new Promise((resolve) => {
    child.once('message', (m) => resolve(m as WorkerReport));
    child.send(message);
  });
}

interface Measured {
  variant: Variant;
  createMs: number;
  cpuMsPerWorkflow: number;
  heapKiBPerWorkflow: number;
  rssKiBPerWorkflow: number;
}

async function measureVariant(
  variant: Variant,
  client: Client,
  address: string,
  dir: string,
  count: number,
): Promise<Measured> {
  const child = spawnWorker(variant, address, dir);
  await new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) =>
      reject(new Error(`the ${variant} worker exited with code ${code} before it was ready`)),
    );
  });
  console.error(`${variant}: worker ready`);
  const idle = await ask(child, 'measure');
  const now = Date.now();
  const handles = [];
  for (let i = 0; i < count; i++) {
    handles.push(
      await client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
        taskQueue: `cost-${variant}`,
        workflowId: workflowIds.decision(`7${variant}`, `c${i}`),
        args: [benchDecisionInput('c', i, now)],
      }),
    );
  }
  console.error(`${variant}: ${count} started`);
  // A query answered means the first activation is done and the workflow sits in the cache.
  for (const h of handles) await h.query(decisionStatusQuery);
  console.error(`${variant}: ${count} answered`);
  const loaded = await ask(child, 'measure');
  // Measured: the worker and its workflows are thrown away with the server (no graceful shutdown).
  child.kill('SIGKILL');
  return {
    variant,
    createMs: idle.createMs,
    cpuMsPerWorkflow: (loaded.cpuMs - idle.cpuMs) / count,
    heapKiBPerWorkflow: (loaded.heapBytes - idle.heapBytes) / count / 1024,
    rssKiBPerWorkflow: (loaded.rssBytes - idle.rssBytes) / count / 1024,
  };
}

async function main(): Promise<void> {
  const count = Number(arg('count', '300'));
  Runtime.install({ logger: createLogger('warn') });
  // The activities need keys (they seal what they store); the workers inherit these. Workflow
  // payloads stay plain: neither the client nor the workers here use the codec.
  process.env.CONVENE_ENCRYPTION_KEYS = formatKeyList([generateKey(new Date())]);
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.error(m) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'));
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    namespace: 'default',
    dbFile: path.join(dir, 'temporal.sqlite'),
  });
  const client = new Client({ connection: await Connection.connect({ address: server.address }) });
  try {
    const bundle = await prebuiltWorkflowBundle(createLogger('warn'));
    const results = [];
    const baseline: Variant = arg('before', '') ? 'before' : 'plain';
    for (const variant of [baseline, 'shared'] as const)
      results.push(await measureVariant(variant, client, server.address, dir, count));
    console.log(
      `\n${count} decisions per variant, each answering a query (first activation done, cached); load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    console.log(`  bundle ${(bundle.sizeBytes / 2 ** 20).toFixed(2)} MiB (${bundle.codePath})`);
    if (baseline === 'before')
      console.log(
        `  before: ${(statSync(arg('before', '')).size / 2 ** 20).toFixed(2)} MiB (${arg('before', '')})`,
      );
    for (const r of results)
      console.log(
        `  ${r.variant.padEnd(7)} worker start ${r.createMs.toFixed(0).padStart(5)} ms; ` +
          `first activation ${r.cpuMsPerWorkflow.toFixed(1)} ms CPU; heap ${r.heapKiBPerWorkflow.toFixed(0)} KiB, RSS ${r.rssKiBPerWorkflow.toFixed(0)} KiB per cached workflow`,
      );
    const [plain, shared] = results;
    console.log(
      `  shared / ${baseline}: CPU ${(shared!.cpuMsPerWorkflow / plain!.cpuMsPerWorkflow).toFixed(2)}×, heap ${(shared!.heapKiBPerWorkflow / plain!.heapKiBPerWorkflow).toFixed(2)}×, RSS ${(shared!.rssKiBPerWorkflow / plain!.rssKiBPerWorkflow).toFixed(2)}×, start ${(shared!.createMs / plain!.createMs).toFixed(2)}×`,
    );
  } finally {
    await client.connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  if (arg('role', 'bench') === 'worker') {
    const variant = arg('variant', 'shared') as Variant;
    runWorker(variant, arg('address', ''), `cost-${variant}`, arg('dir', '')).catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  } else {
    main().catch((err: unknown) => {
      console.error(err);
      process.exit(1);
    });
  }
}
