/**
 * How far one machine goes with decisions: starts N decision workflows on a local dev server (its
 * own, SQLite file in a temp dir) with one worker process, and compares with N bare workflow starts
 * in the same run. Prints start throughput, the time until every workflow has run its first task,
 * the worker's peak RSS, `decision list --status` latency (p50/p99), and the CPU each process used,
 * which says what limits it.
 *
 *   npx tsx scripts/bench-decisions.ts [--count 10000] [--concurrency 64] [--list-runs 100] [--db-dir /dev/shm]
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { listDecisions } from '../clients/decisions';
import { dataConverter } from '../codec/data-converter';
import { formatKeyList, generateKey } from '../codec/keys';
import { listFilter } from '../cli/commands/decision';
import { loadDirectory } from '../config/directory';
import { loadSettings, REPO_ROOT, type Settings } from '../config/settings';
import { workflowIds } from '../domain/ids';
import { freePort, startDevServer, type RunningDevServer } from '../workers/dev-server';
import { createLogger } from '../workers/logging';
import { findOrBuildTemporalCli } from '../workers/temporal-cli';
import { loadKeys } from '../workers/connect';
import { createActivities, workerCacheOptions, WORKER_HEAP_MIB } from '../workers/worker';
import { bundleOptions } from '../workers/workflow-bundle';
import {
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../workflows/definitions/decision-tracking';
import { benchDecisionInput } from './bench/decision-input';

interface Args {
  role: 'bench' | 'worker';
  /** The worker's bundle: every workflow of the project (plus benchBare), or benchBare alone. */
  bundle: 'project' | 'bare';
  count: number;
  concurrency: number;
  listRuns: number;
  address: string;
  taskQueue: string;
  dir: string;
  /** Where the SQLite file goes (default: the temp dir); e.g. /dev/shm to take the disk out of the picture. */
  dbDir: string;
}

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] ? argv[i + 1]! : fallback;
  };
  return {
    role: value('role', 'bench') === 'worker' ? 'worker' : 'bench',
    bundle: value('bundle', 'project') === 'bare' ? 'bare' : 'project',
    count: Number(value('count', '10000')),
    concurrency: Number(value('concurrency', '64')),
    listRuns: Number(value('list-runs', '100')),
    address: value('address', ''),
    taskQueue: value('task-queue', 'bench'),
    dir: value('dir', ''),
    dbDir: value('db-dir', ''),
  };
}

// ── The worker process ──────────────────────────────────────────────────────────────────────────────

const BARE_WORKFLOW = 'export async function benchBare(): Promise<string> {\n  return "done";\n}\n';

/**
 * The worker's entry file: a workflow that returns at once, alone or beside every workflow of the
 * project. Temporal evaluates the bundle's modules afresh for each workflow it loads, so the same
 * bare workflow costs more in the project's bundle (zod and the domain modules come with it).
 */
function writeWorkflowsEntry(dir: string, bundle: Args['bundle']): string {
  const file = path.join(dir, `bench-workflows-${bundle}.ts`);
  const project = `export * from ${JSON.stringify(path.join(REPO_ROOT, 'workflows', 'index'))};\n`;
  writeFileSync(file, (bundle === 'project' ? project : '') + BARE_WORKFLOW);
  return file;
}

async function runWorker(args: Args): Promise<void> {
  Runtime.install({ logger: createLogger('warn', { component: 'temporal-sdk' }) });
  const settings = benchSettings(args);
  const connection = await NativeConnection.connect({ address: args.address });
  const log = createLogger('warn', { component: 'bench-worker' });
  // The project's bundle is built as the workers build theirs (shared modules, interceptors); the
  // bare one has nothing to share.
  const options = args.bundle === 'project' ? bundleOptions(log) : { logger: log };
  const workflowBundle = await bundleWorkflowCode({
    ...options,
    workflowsPath: writeWorkflowsEntry(args.dir, args.bundle),
    // The entry file lives in the temp dir: let webpack find the packages of the project.
    webpackConfigHook: (config) => ({
      ...config,
      resolve: { ...config.resolve, modules: [path.join(REPO_ROOT, 'node_modules'), 'node_modules'] },
    }),
  });
  const keys = loadKeys(settings);
  const worker = await Worker.create({
    connection,
    taskQueue: args.taskQueue,
    workflowBundle,
    dataConverter: dataConverter(keys),
    activities: createActivities({ settings, keys, directory: loadDirectory(settings.directoryFile) }),
    // The production worker's cache and heap settings (workers/worker.ts), so its RSS is what one would see.
    ...workerCacheOptions(),
  });
  process.once('SIGTERM', () => worker.shutdown());
  const running = worker.run();
  console.log('READY');
  await running;
  await connection.close();
}

function benchSettings(args: Pick<Args, 'address' | 'taskQueue' | 'dir'>): Settings {
  return loadSettings({
    TEMPORAL_ADDRESS: args.address,
    CONVENE_TASK_QUEUE: args.taskQueue,
    CONVENE_DATA_DIR: args.dir,
    CONVENE_ENCRYPTION_KEYS: process.env.CONVENE_ENCRYPTION_KEYS,
    LOG_LEVEL: 'warn',
  });
}

interface WorkerProcess {
  child: ChildProcess;
  stop(): Promise<void>;
}

async function spawnWorker(args: Args, bundle: Args['bundle'], taskQueue: string): Promise<WorkerProcess> {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      `--max-old-space-size=${WORKER_HEAP_MIB}`,
      __filename,
      ...[
        '--role',
        'worker',
        '--bundle',
        bundle,
        '--address',
        args.address,
        '--task-queue',
        taskQueue,
        '--dir',
        args.dir,
      ],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`the worker exited with code ${code} before it was ready`)),
    );
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

// ── Measuring ───────────────────────────────────────────────────────────────────────────────────────

interface ProcessStats {
  rssMb: number;
  peakRssMb: number;
  cpuSeconds: number;
}

/** From /proc: resident and peak resident memory (VmRSS, VmHWM), and user+system CPU time. */
function processStats(pid: number | undefined): ProcessStats {
  if (!pid) return { rssMb: 0, peakRssMb: 0, cpuSeconds: 0 };
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const ticks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());
  return {
    rssMb: kb('VmRSS') / 1024,
    peakRssMb: kb('VmHWM') / 1024,
    cpuSeconds: (Number(stat[11]) + Number(stat[12])) / ticks,
  };
}

async function startMany(
  n: number,
  concurrency: number,
  startOne: (i: number) => Promise<unknown>,
): Promise<number> {
  const began = performance.now();
  let next = 0;
  const lane = async () => {
    while (next < n) await startOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, lane));
  return (performance.now() - began) / 1000;
}

/** Seconds until visibility counts `n` workflows matching `query` (polled every 250 ms). */
async function secondsUntilCount(client: Client, query: string, n: number, since: number): Promise<number> {
  for (;;) {
    const { count } = await client.workflow.count(query);
    if (count >= n) return (performance.now() - since) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function listLatencies(client: Client, settings: Settings, runs: number): Promise<number[]> {
  const latencies: number[] = [];
  const filter = listFilter({ status: 'adopted', limit: '200' }, settings);
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    await listDecisions(client, filter, 200);
    latencies.push(performance.now() - began);
  }
  return latencies.sort((a, b) => a - b);
}

/** The CLI end to end, process start included, as an operator would type it. */
function cliLatencies(settings: Settings, runs: number): number[] {
  const bin = path.join(REPO_ROOT, 'bin', 'convene');
  const env = {
    ...process.env,
    TEMPORAL_ADDRESS: settings.temporal.address,
    CONVENE_TASK_QUEUE: settings.taskQueue,
  };
  const latencies: number[] = [];
  for (let i = 0; i < runs; i++) {
    const began = performance.now();
    execFileSync(bin, ['--json', 'decision', 'list', '--status', 'adopted'], {
      env,
      maxBuffer: 64 * 1024 * 1024,
    });
    latencies.push(performance.now() - began);
  }
  return latencies.sort((a, b) => a - b);
}

// ── The benchmark ───────────────────────────────────────────────────────────────────────────────────

interface Phase {
  name: string;
  startSeconds: number;
  settledSeconds: number;
  serverCpu: number;
  workerCpu: number;
  starterCpu: number;
}

interface Bench {
  server: RunningDevServer;
  client: Client;
  args: Args;
}

/** Starts `count` workflows, then waits until visibility shows every one past its first task. */
async function phase(
  name: string,
  bench: Bench,
  worker: WorkerProcess,
  startOne: (i: number) => Promise<unknown>,
  settledQuery: string,
): Promise<Phase> {
  const { server, client, args } = bench;
  const before = {
    server: processStats(server.process.pid),
    worker: processStats(worker.child.pid),
    starter: process.cpuUsage(),
  };
  const began = performance.now();
  const startSeconds = await startMany(args.count, args.concurrency, startOne);
  const settledSeconds = await secondsUntilCount(client, settledQuery, args.count, began);
  const starter = process.cpuUsage(before.starter);
  const result = {
    name,
    startSeconds,
    settledSeconds,
    serverCpu: processStats(server.process.pid).cpuSeconds - before.server.cpuSeconds,
    workerCpu: processStats(worker.child.pid).cpuSeconds - before.worker.cpuSeconds,
    starterCpu: (starter.user + starter.system) / 1e6,
  };
  console.log(line(result, args.count));
  return result;
}

const bareStart = (bench: Bench, taskQueue: string, prefix: string) => (i: number) =>
  bench.client.workflow.start('benchBare', { taskQueue, workflowId: `${prefix}-${i}`, args: [] });

const completedBare = (taskQueue: string) =>
  `WorkflowType = 'benchBare' AND TaskQueue = '${taskQueue}' AND ExecutionStatus = 'Completed'`;

async function runBench(args: Args): Promise<void> {
  Runtime.install({ logger: createLogger('warn', { component: 'temporal-sdk' }) });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'convene-bench-'));
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  const dbDir = args.dbDir ? mkdtempSync(path.join(args.dbDir, 'convene-bench-db-')) : dir;
  const dbFile = path.join(dbDir, 'temporal.sqlite');
  const server = await startDevServer({
    cliPath: cli.path,
    port: await freePort(),
    namespace: 'default',
    dbFile,
  });
  const full: Args = { ...args, address: server.address, dir };
  // A key of the run's own, in the environment the workers inherit: payloads are sealed, as in
  // every deployment, and every process of the run opens them.
  process.env.CONVENE_ENCRYPTION_KEYS = formatKeyList([generateKey(new Date())]);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter(loadKeys(benchSettings(full))) });
  const bench: Bench = { server, client, args: full };
  console.log(
    `dev server ${server.address}, SQLite in ${dbDir}; ${os.cpus().length} CPUs; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; ` + `${args.count} workflows per phase, ${args.concurrency} starts in flight`,
  );
  try {
    const bareWorker = await spawnWorker(full, 'bare', 'bench-bare');
    const bare = await phase(
      'bare, bare bundle',
      bench,
      bareWorker,
      bareStart(bench, 'bench-bare', 'b'),
      completedBare('bench-bare'),
    );
    await bareWorker.stop();

    const worker = await spawnWorker(full, 'project', full.taskQueue);
    const idle = processStats(worker.child.pid);
    const bareInProject = await phase(
      'bare, project bundle',
      bench,
      worker,
      bareStart(bench, full.taskQueue, 'p'),
      completedBare(full.taskQueue),
    );
    const now = Date.now();
    const decisions = await phase(
      'decision tracking',
      bench,
      worker,
      (i) =>
        bench.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
          taskQueue: full.taskQueue,
          workflowId: workflowIds.decision('7', `b${i}`),
          args: [benchDecisionInput('b', i, now)],
        }),
      `WorkflowType = 'decisionTracking' AND DecisionStatus = 'adopted'`,
    );
    const memory = { idle, worker: processStats(worker.child.pid), server: processStats(server.process.pid) };
    const settings = benchSettings(full);
    const inProcess = await listLatencies(bench.client, settings, args.listRuns);
    const endToEnd = cliLatencies(settings, 5);
    await worker.stop();
    report({ args: full, phases: [bare, bareInProject, decisions], memory, inProcess, endToEnd, dbDir });
  } finally {
    await connection.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dbDir, { recursive: true, force: true });
  }
}

function line(p: Phase, n: number): string {
  const rate = (seconds: number) => `${(n / seconds).toFixed(0)}/s`;
  return (
    `  ${p.name.padEnd(21)} starts ${rate(p.startSeconds).padStart(6)} (${p.startSeconds.toFixed(1)} s); ` +
    `first tasks done ${rate(p.settledSeconds).padStart(6)} (${p.settledSeconds.toFixed(1)} s); ` +
    `CPU s: server ${p.serverCpu.toFixed(1)}, worker ${p.workerCpu.toFixed(1)}, starter ${p.starterCpu.toFixed(1)}`
  );
}

function report(r: {
  args: Args;
  phases: [Phase, Phase, Phase];
  memory: { idle: ProcessStats; worker: ProcessStats; server: ProcessStats };
  inProcess: number[];
  endToEnd: number[];
  dbDir: string;
}): void {
  const n = r.args.count;
  const [bare, bareInProject, decisions] = r.phases;
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const perWorkflow = (p: Phase) => `${((p.workerCpu / n) * 1000).toFixed(1)} ms`;
  const sqliteMb = readdirSync(r.dbDir)
    .filter((f) => f.startsWith('temporal.sqlite'))
    .reduce((sum, f) => sum + statSync(path.join(r.dbDir, f)).size / 1e6, 0);
  const cores = os.cpus().length;
  const busy = (cpu: number) => `${((cpu / decisions.settledSeconds) * 100).toFixed(0)}%`;
  console.log(
    [
      '',
      `Results: ${n} workflows per phase, one worker process, ${cores} CPUs (load average now ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
      ...r.phases.map((p) => line(p, n)),
      `  decision starts vs bare starts (bare bundle): ${pct(bare.startSeconds, decisions.startSeconds)} of the start rate, ` +
        `${pct(bare.settledSeconds, decisions.settledSeconds)} of the first-task rate`,
      `  worker CPU per workflow: bare ${perWorkflow(bare)}, bare in the project bundle ${perWorkflow(bareInProject)}, decision ${perWorkflow(decisions)}`,
      `  worker RSS: ${r.memory.idle.rssMb.toFixed(0)} MB after bundling, peak ${r.memory.worker.peakRssMb.toFixed(0)} MB, ${r.memory.worker.rssMb.toFixed(0)} MB at the end`,
      `  dev server RSS: peak ${r.memory.server.peakRssMb.toFixed(0)} MB; SQLite files ${sqliteMb.toFixed(0)} MB`,
      `  decision list --status adopted (first 200 of ${n}), in process, ${r.inProcess.length} runs: ` +
        `p50 ${ms(percentile(r.inProcess, 50))}, p99 ${ms(percentile(r.inProcess, 99))}`,
      `  the same through bin/convene, process start included, ${r.endToEnd.length} runs: ` +
        `p50 ${ms(percentile(r.endToEnd, 50))}, max ${ms(r.endToEnd.at(-1) ?? NaN)}`,
      `  decision phase, share of one core: server ${busy(decisions.serverCpu)}, worker ${busy(decisions.workerCpu)}, ` +
        `starter ${busy(decisions.starterCpu)} (of ${cores * 100}%)`,
      '',
    ].join('\n'),
  );
}

const pct = (fast: number, slow: number) => `${((fast / slow) * 100).toFixed(0)}%`;

if (require.main === module) {
  const args = parseArgs(process.argv.slice(2));
  (args.role === 'worker' ? runWorker(args) : runBench(args)).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
