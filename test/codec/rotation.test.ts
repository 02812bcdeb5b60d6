/**
 * A decision lives for years and its keys rotate under it: payloads sealed with the old key must
 * open after the rotation, in a worker that has never seen the workflow (it replays the history),
 * and in the replayer.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { generateKey, KeyRing, rotateKeyFile, writeKeyFile } from '../../codec/keys';
import { workflowIds } from '../../domain/ids';
import {
  decisionStatusQuery,
  reportProgressUpdate,
  DECISION_TRACKING_WORKFLOW,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import { AU, decisionInput } from '../decisions/helpers';
import { clearPayloads, payloadsIn } from '../helpers/payloads';
import { connectTestTemporal } from '../helpers/temporal';

const FIRST = 'Liaison office in Addis Ababa staffed with four officers (before the rotation)';
const SECOND = 'Databank online for eleven partner organizations (after the rotation)';

test('a decision started under one key reports progress after a rotation and a worker restart, and its history replays', async () => {
  const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'convene-rotation-')), 'keys.json');
  const oldKey = generateKey(new Date('2026-01-05T09:00:00Z'));
  writeKeyFile(keyFile, [oldKey]);
  const env = { CONVENE_ENCRYPTION_KEYS: '', CONVENE_ENCRYPTION_KEY_FILE: keyFile };

  const before = await connectTestTemporal(env);
  const ref = `rotation-${before.taskQueue.slice(-6)}`;
  const handle = await before.client.workflow.start<DecisionTrackingWorkflow>(DECISION_TRACKING_WORKFLOW, {
    taskQueue: before.taskQueue,
    workflowId: workflowIds.decision('7', ref),
    args: [decisionInput(ref)],
  });
  const firstWorker = await before.createWorker();
  await firstWorker.runUntil(
    handle.executeUpdate(reportProgressUpdate, {
      args: [{ as: AU, reportId: 'r1', percent: 20, narrative: FIRST }],
    }),
  );
  await before.close(); // the worker is gone and its cache with it

  const newKey = rotateKeyFile(keyFile, new Date());
  const after = await connectTestTemporal({ ...env, CONVENE_TASK_QUEUE: before.taskQueue });
  const secondWorker = await after.createWorker();
  const again = after.client.workflow.getHandle<DecisionTrackingWorkflow>(handle.workflowId);
  const status = await secondWorker.runUntil(async () => {
    await again.executeUpdate(reportProgressUpdate, {
      args: [{ as: AU, reportId: 'r2', percent: 60, narrative: SECOND }],
    });
    return again.query(decisionStatusQuery);
  });
  expect(status.reports.map((r) => r.narrative)).toEqual([FIRST, SECOND]);

  const history = await again.fetchHistory();
  const sealed = payloadsIn(history).filter((p) => p.keyId);
  const keyIds = new Set(sealed.map((p) => p.keyId));
  expect(keyIds).toEqual(new Set([oldKey.id, newKey.id]));
  expect(clearPayloads(history).map((p) => p.path)).toEqual([]);

  const keys = KeyRing.load(after.settings.encryption);
  await Worker.runReplayHistory(
    {
      workflowBundle: { codePath: process.env.CONVENE_TEST_WORKFLOW_BUNDLE! },
      dataConverter: dataConverter(keys),
    },
    history,
    handle.workflowId,
  );
  await again.terminate('test over');
  await after.close();
}, 90_000);
