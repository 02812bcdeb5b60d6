/**
 * What loading one workflow costs inside the sandbox, without a server: the SDK's reusable V8
 * context (the one a worker uses) is made from a bundle, then N workflows of one type are created
 * and run their first activation one after the other, as a worker does for N new workflows. For
 * each bundle it prints the modules evaluated per workflow (the ones not shared), the CPU per
 * workflow and the heap each one holds. Bundles side by side, same process, same load.
 *
 *   npx tsx --expose-gc scripts/bench-workflow-load.ts [--count 200] [--type decisionTracking] [bundle.js ...]
 *
 * Without a bundle path, the current one (workers/workflow-bundle.ts) is built or taken from the cache.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { defaultPayloadConverter, TypedSearchAttributes } from '@temporalio/common';
import { coresdk } from '@temporalio/proto';
import { parseWorkflowCode } from '@temporalio/worker/lib/worker';
import { ReusableVMWorkflowCreator } from '@temporalio/worker/lib/workflow/reusable-vm';
import type { Workflow } from '@temporalio/worker/lib/workflow/interface';
import { workflowIds } from '../domain/ids';
import { createLogger } from '../workers/logging';
import { prebuiltWorkflowBundle } from '../workers/workflow-bundle';
import { benchDecisionInput } from './bench/decision-input';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
};

const ARGS: Record<string, (i: number, now: number) => unknown[]> = {
  decisionTracking: (i, now) => [benchDecisionInput('l', i, now)],
  healthCheck: () => [],
  benchBare: () => [],
};

interface Measured {
  bundle: string;
  sizeMiB: number;
  contextMs: number;
  modulesPerWorkflow: number;
  createMs: number;
  activateMs: number;
  heapKiB: number;
  commands: number;
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function measure(codePath: string, type: string, count: number): Promise<Measured> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npx tsx --expose-gc scripts/bench-workflow-load.ts)');
  const code = readFileSync(codePath, 'utf8');
  const began = cpuMs();
  const creator = await ReusableVMWorkflowCreator.create(
    parseWorkflowCode(code, codePath),
    5000,
    // Every activity counts as registered: the first activation only schedules them.
    new Proxy(new Set<string>(), {
      get: (set, key): unknown => (key === 'has' ? () => true : Reflect.get(set, key)),
    }),
    undefined,
  );
  const contextMs = cpuMs() - began;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const workflows: Workflow[] = [];
  let modules = 0;
  let createMs = 0;
  let activateMs = 0;
  let commands = 0;
  const now = Date.now();
  const makeArgs = ARGS[type];
  if (!makeArgs) throw new Error(`--type: one of ${Object.keys(ARGS).join(', ')}`);
  for (let i = 0; i < count; i++) {
    const runId = `run-${i}`;
    const workflowId = type === 'decisionTracking' ? workflowIds.decision('7', `l${i}`) : `load-${i}`;
    const t0 = cpuMs();
    const workflow = await creator.createWorkflow({
      info: {
        workflowId,
        runId,
        workflowType: type,
        searchAttributes: {},
        typedSearchAttributes: new TypedSearchAttributes(),
        taskQueue: 'load',
        namespace: 'default',
        firstExecutionRunId: runId,
        originalExecutionRunId: runId,
        startTime: new Date(now),
        runStartTime: new Date(now),
        taskTimeoutMs: 10_000,
        attempt: 1,
        historyLength: 3,
        historySize: 1000,
        continueAsNewSuggested: false,
        targetWorkerDeploymentVersionChanged: false,
        suggestedContinueAsNewReasons: undefined,
        currentBuildId: '',
        currentDeploymentVersion: undefined,
        unsafe: { now: () => now, isReplaying: false, isReplayingHistoryEvents: false, random: Math.random },
        priority: {},
      } as unknown as Parameters<typeof creator.createWorkflow>[0]['info'],
      randomnessSeed: [0, i],
      now,
      showStackTraceSources: false,
    });
    const t1 = cpuMs();
    const moduleCache = (workflow as unknown as { activator: { moduleCache: Map<string, unknown> } })
      .activator.moduleCache;

    const activation = coresdk.workflow_activation.WorkflowActivation.fromObject({
      runId,
      timestamp: { seconds: Math.floor(now / 1000), nanos: 0 },
      isReplaying: false,
      historyLength: 3,
      historySizeBytes: 1000,
      jobs: [
        {
          initializeWorkflow: {
            workflowType: type,
            workflowId,
            arguments: makeArgs(i, now).map((a) => defaultPayloadConverter.toPayload(a)),
            randomnessSeed: i,
            firstExecutionRunId: runId,
            attempt: 1,
            startTime: { seconds: Math.floor(now / 1000), nanos: 0 },
            workflowTaskTimeout: { seconds: 10 },
          },
        },
      ],
    });
    const completion = await workflow.activate(activation);
    if (completion.failed) {
      const attrs = completion.failed.failure?.encodedAttributes;
      throw new Error(
        `activation failed: ${JSON.stringify(attrs ? defaultPayloadConverter.fromPayload(attrs) : completion.failed)}`,
      );
    }
    commands += completion.successful?.commands?.length ?? 0;
    // Modules load on creation and, since workflows/index.ts loads each workflow's own on its start, during the first activation.
    modules += moduleCache.size;
    if (i === 0 && process.argv.includes('--list')) console.log([...moduleCache.keys()].join('\n'));
    await workflow.getAndResetSinkCalls();
    activateMs += cpuMs() - t1;
    createMs += t1 - t0;
    workflows.push(workflow);
  }
  gc();
  const heapKiB = (process.memoryUsage().heapUsed - heapBefore) / count / 1024;
  for (const w of workflows) await w.dispose();
  await creator.destroy();
  return {
    bundle: codePath,
    sizeMiB: code.length / 2 ** 20,
    contextMs,
    modulesPerWorkflow: modules / count,
    createMs: createMs / count,
    activateMs: activateMs / count,
    heapKiB,
    commands: commands / count,
  };
}

async function main(): Promise<void> {
  const count = Number(arg('count', '200'));
  const type = arg('type', 'decisionTracking');
  const paths = process.argv
    .slice(2)
    .filter((a, i, all) => a.endsWith('.js') && !['--count', '--type'].includes(all[i - 1] ?? ''));
  if (paths.length === 0) paths.push((await prebuiltWorkflowBundle(createLogger('warn'))).codePath);
  const results = [];
  // Warm the process (the SDK's own modules, the JIT) on the first bundle, then measure each.
  await measure(paths[0]!, type, Math.min(20, count));
  for (const p of paths) results.push(await measure(p, type, count));
  console.log(
    `${count} × ${type}, created and first-activated in one reusable V8 context; load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  for (const r of results)
    console.log(
      `  ${r.bundle}\n    ${r.sizeMiB.toFixed(2)} MiB; context ${r.contextMs.toFixed(0)} ms; per workflow: ` +
        `${r.modulesPerWorkflow.toFixed(0)} modules evaluated, create ${r.createMs.toFixed(2)} ms + first activation ` +
        `${r.activateMs.toFixed(2)} ms CPU, heap ${r.heapKiB.toFixed(0)} KiB, ${r.commands.toFixed(1)} commands`,
    );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
