/**
 * A worker process, started as an operator starts one (`tsx workers/worker.ts`, metrics on a port
 * of its own), serves Prometheus metrics: the SDK's and the project's counters, which move as a
 * decision is refused an action, takes a report, escalates and mails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../config/settings';
import { workflowIds } from '../../domain/ids';
import { freePort } from '../../workers/dev-server';
import {
  reportProgressUpdate,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { AU, decisionInput, OUTSIDER, QUIET } from '../decisions/helpers';
import { eventually } from '../helpers/eventually';
import { rejectionOf } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
let worker: ChildProcess;
let metricsUrl: string;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'convene-metrics-'));
  t = await connectTestTemporal({ CONVENE_DATA_DIR: dataDir });
  const address = `127.0.0.1:${await freePort()}`;
  metricsUrl = `http://${address}/metrics`;
  worker = spawn(path.join(REPO_ROOT, 'node_modules', '.bin', 'tsx'), ['workers/worker.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: t.settings.temporal.address,
      CONVENE_TASK_QUEUE: t.taskQueue,
      CONVENE_DATA_DIR: dataDir,
      CONVENE_METRICS_ADDRESS: address,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    worker.stderr!.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      if (seen.includes('"msg":"worker polling"')) resolve();
    });
    worker.once('exit', (code) => reject(new Error(`the worker exited (${code}) before polling:\n${seen}`)));
  });
}, 120_000);

afterAll(async () => {
  const exited = new Promise((resolve) => worker.once('exit', resolve));
  worker.kill('SIGTERM');
  await exited;
  await t.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every sample of `name` whose labels include `labels`, summed. */
async function scraped(name: string, labels: Record<string, string> = {}): Promise<number> {
  const text = await (await fetch(metricsUrl)).text();
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(\{[^}]*\})? ([0-9.e+-]+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const tags = match[2] ?? '';
    if (Object.entries(labels).every(([k, v]) => tags.includes(`${k}="${v}"`))) sum += Number(match[3]);
  }
  return sum;
}

test('after a decision is refused an action, takes a report and escalates, its counters and the SDK metrics have moved', async () => {
  const ref = `metrics-${t.taskQueue.slice(-6)}`;
  const workflowId = workflowIds.decision('7', ref);
  const handle = await t.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: t.taskQueue,
    workflowId,
    // Due in two seconds, the lead escalated to a second later: the ladder's first step comes at once.
    args: [
      decisionInput(ref, { dueIn: 2, policy: { ...QUIET, escalation: [{ notify: 'lead', after: 'PT1S' }] } }),
    ],
  });
  const refused = await rejectionOf(
    handle.executeUpdate(reportProgressUpdate, {
      args: [{ as: OUTSIDER, reportId: 'x-1', percent: 10, narrative: 'Not ours to report.' }],
    }),
  );
  expect(refused.code).toBe('wrong-actor');
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU, reportId: 'au-1', percent: 40, narrative: 'Databank design agreed.' }],
  });

  const ofThisDecision = { workflow_id: workflowId };
  await eventually(
    async () => (await scraped('convene_escalations_total', { ...ofThisDecision, kind: 'decision' })) >= 1,
    { what: 'the escalation counter', timeout: 45_000 },
  );
  expect(
    await scraped('convene_rejections_total', {
      ...ofThisDecision,
      update: 'reportProgress',
      code: 'wrong-actor',
    }),
  ).toBe(1);
  expect(await scraped('convene_decision_statuses_total', { ...ofThisDecision, status: 'adopted' })).toBe(1);
  // The escalation's mail goes after the escalation is recorded.
  await eventually(
    async () => (await scraped('convene_mails_total', { ...ofThisDecision, outcome: 'sent' })) >= 1,
    { what: 'the mail counter', timeout: 30_000 },
  );
  // The SDK's own telemetry is on the same endpoint.
  expect(await scraped('temporal_sticky_cache_size')).toBeGreaterThanOrEqual(1);
  await handle.terminate('test over');
}, 90_000);
