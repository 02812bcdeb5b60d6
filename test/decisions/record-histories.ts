/**
 * Records the histories that test/decisions/replay.test.ts replays, into test/histories/. Run it
 * again after a deliberate change to the decision or committee workflows (behind `patched()` where
 * running workflows must keep replaying):
 *
 *   npx tsx test/decisions/record-histories.ts
 *
 * It starts its own dev server (in memory) and a worker with the real activities (mail to a temp
 * outbox), plays each scenario with cadences compressed to seconds, and writes the histories,
 * their payloads sealed with the tests' key (test/helpers/keys.ts) as every deployment's are.
 */
import { startEmbeddedStore } from '../../store/embedded';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { loadDirectory } from '../../config/directory';
import { loadSettings, type Settings } from '../../config/settings';
import type { DecisionTrackingInput } from '../../domain/decision-input';
import { workflowIds } from '../../domain/ids';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { freePort, startDevServer } from '../../workers/dev-server';
import { createLogger } from '../../workers/logging';
import { findOrBuildTemporalCli } from '../../workers/temporal-cli';
import { createActivities } from '../../workers/worker';
import { prebuiltWorkflowBundle } from '../../workers/workflow-bundle';
import { testKeyRing } from '../helpers/keys';
import {
  claimImplementedUpdate,
  decisionStatusQuery,
  extendDueDateUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  verifyUpdate,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import {
  committeeStatusQuery,
  newDecisionsSignal,
  proposeIdeaUpdate,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../../workflows/definitions/standing-committee';

export const RECORDED = {
  lifecycle: 'decision-lifecycle',
  continueAsNew: 'decision-continue-as-new',
  committee: 'standing-committee-period',
  /**
   * Recorded by the review meeting's test (CONVENE_RECORD_HISTORIES=1 npx jest
   * test/decisions/review-meeting.test.ts): invited with a digest, shown again, moved, cancelled,
   * and a new meeting invited by the next digest.
   */
  reviewMeeting: 'standing-committee-review-meeting',
  /** The same, recorded before patch 'committee-review-rotation'. */
  reviewMeetingV1: 'standing-committee-review-meeting-v1',
  /**
   * Recorded by the rotation's test (CONVENE_RECORD_HISTORIES=1 npx jest
   * test/decisions/review-rotation.test.ts): a period that follows a review meeting held, keeps it
   * and invites to the next, away from those who bore the first (patch 'committee-review-rotation').
   */
  reviewRotation: 'standing-committee-review-rotation',
} as const;

const AU = 'focal.point@au.example.org';
const EU_MEMBER = 'committee@eu.example.org';
const evidence = ['https://au.example.org/databank'];

async function main(): Promise<void> {
  Runtime.install({ logger: createLogger('warn', { component: 'temporal-sdk' }) });
  const cli = await findOrBuildTemporalCli({ progress: (m) => console.log(m) });
  const server = await startDevServer({ cliPath: cli.path, port: await freePort(), namespace: 'default' });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'convene-record-'));
  // The store the ledger and documents need, as `npm start` serves it (in memory here).
  const store = await startEmbeddedStore({ port: 0 });
  const settings = loadSettings({
    TEMPORAL_ADDRESS: server.address,
    DATABASE_URL: store.url,
    CONVENE_TASK_QUEUE: 'record-histories',
    CONVENE_DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
  });
  const keys = testKeyRing();
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection, dataConverter: dataConverter(keys) });
  const native = await NativeConnection.connect({ address: server.address });
  const worker = await Worker.create({
    connection: native,
    taskQueue: settings.taskQueue,
    dataConverter: dataConverter(keys),
    // The workers' own bundle (shared zod, the metrics interceptor), from the cache when current.
    workflowBundle: { codePath: (await prebuiltWorkflowBundle(createLogger('warn'))).codePath },
    activities: createActivities({
      settings,
      keys,
      directory: loadDirectory(settings.directoryFile),
      client: () => Promise.resolve(client),
    }),
  });
  try {
    await worker.runUntil(async () => {
      await recordHistory(await lifecycle(client, settings), RECORDED.lifecycle);
      await recordHistory(await continueAsNewRun(client, settings), RECORDED.continueAsNew);
      await recordHistory(await committeePeriod(client, settings), RECORDED.committee);
    });
  } finally {
    await native.close();
    await connection.close();
    await server.stop();
    await store.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function input(ref: string, overrides: Partial<DecisionTrackingInput> = {}): DecisionTrackingInput {
  const now = Date.now();
  return {
    decision: {
      ref,
      edition: '7',
      meetingTitle:
        'Seventh high-level meeting of the United Nations and regional and other intergovernmental organizations',
      text: 'A databank on conflict prevention capacities of partner organizations and the United Nations system should be established by the United Nations as a foundation for such a mechanism.',
      area: 'conflict prevention',
      leadOrganization: 'au',
      responsibleOrganizations: ['igad'],
      dueDate: new Date(now + 4_000).toISOString(),
      adoptedAt: new Date(now - 1_000).toISOString(),
    },
    organizers: [{ name: 'Amina Rahman', email: 'amina.rahman@un.example.org' }],
    policy: {
      reportCadence: 'PT2S',
      reportWindow: 'PT10S',
      dueSoonBefore: 'PT2S',
      escalation: [
        { notify: 'lead', after: 'PT0S' },
        { notify: 'committee-chair', after: 'PT2S' },
      ],
      stallAfter: 'PT1H',
    },
    ...overrides,
  };
}

/** Reports, a progress request, due-soon, two ladder steps, an extension, a rejected claim, a verification. */
async function lifecycle(client: Client, settings: Settings): Promise<WorkflowHandle> {
  const handle = await client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: settings.taskQueue,
    workflowId: workflowIds.decision('7', 'replay-lifecycle'),
    args: [input('replay-lifecycle')],
  });
  await handle.executeUpdate(reportProgressUpdate, {
    args: [{ as: AU, reportId: 'q1', percent: 20, narrative: 'Design agreed.' }],
  });
  await eventually(async () => (await handle.query(decisionStatusQuery)).timers.ladder.sentAt.length === 2, {
    timeout: 60_000,
    what: 'two ladder steps',
  });
  await handle.executeUpdate(extendDueDateUpdate, {
    args: [
      { as: EU_MEMBER, dueDate: new Date(Date.now() + 3_600_000).toISOString(), reason: 'Summit moved.' },
    ],
  });
  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, claimId: 'c1', summary: 'Online.', evidence }],
  });
  await handle.executeUpdate(rejectClaimUpdate, {
    args: [{ as: EU_MEMBER, reasons: 'No subregional entries.' }],
  });
  await handle.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, claimId: 'c2', summary: 'Entries added.', evidence }],
  });
  await handle.executeUpdate(verifyUpdate, { args: [{ as: EU_MEMBER, reasons: 'Checked.' }] });
  await handle.result();
  return handle;
}

/** The first run of a decision that hands over after three events: it ends in continue-as-new. */
async function continueAsNewRun(client: Client, settings: Settings): Promise<WorkflowHandle> {
  const handle = await client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: settings.taskQueue,
    workflowId: workflowIds.decision('7', 'replay-can'),
    args: [
      input('replay-can', { maxEventsPerRun: 3, policy: { reportCadence: 'PT1H', stallAfter: 'PT2H' } }),
    ],
  });
  for (const n of [1, 2, 3, 4]) {
    await handle.executeUpdate(reportProgressUpdate, {
      args: [{ as: AU, reportId: `r${n}`, percent: n * 10, narrative: `Report ${n}.` }],
    });
  }
  await eventually(async () => (await handle.query(decisionStatusQuery)).run >= 2, {
    timeout: 60_000,
    what: 'the second run',
  });
  const first = client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
  await handle.terminate('recorded');
  return first;
}

/** One period of the committee: an idea, an announcement, the digest, the hand-over to the next period. */
async function committeePeriod(client: Client, settings: Settings): Promise<WorkflowHandle> {
  const handle = await client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    taskQueue: settings.taskQueue,
    workflowId: settings.committeeWorkflowId,
    args: [{ policy: { reviewPeriod: 'PT3S' } }],
  });
  await handle.executeUpdate(proposeIdeaUpdate, {
    args: [{ as: EU_MEMBER, ideaId: 'i1', text: 'A joint early-warning workshop.' }],
  });
  await handle.signal(newDecisionsSignal, { edition: '7', refs: ['replay-lifecycle'] });
  await eventually(async () => (await handle.query(committeeStatusQuery)).run >= 2, {
    timeout: 60_000,
    what: 'the next period',
  });
  const first = client.workflow.getHandle(handle.workflowId, handle.firstExecutionRunId);
  await handle.terminate('recorded');
  return first;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
