/**
 * The recorded Council session (test/council/session.test.ts, end to end, recorded with
 * `CONVENE_RECORD_HISTORIES=1 npx jest test/council/session.test.ts`) replays with the current code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { HISTORIES_DIR } from '../helpers/histories';
import { testKeyRing } from '../helpers/keys';

test('the recorded Council session (concept notes, invitations, answers, speakers, outcome, a decision started) replays with the current workflow code', async () => {
  const file = 'council-session.json';
  const json = JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as {
    events: Array<{ eventType: string | number }>;
  };
  const types = json.events.map((e) => String(e.eventType));
  expect(
    types.some((x) =>
      /START_CHILD_WORKFLOW_EXECUTION_INITIATED|StartChildWorkflowExecutionInitiated/i.test(x),
    ),
  ).toBe(true);
  expect(types.filter((x) => /UPDATE_COMPLETED|UpdateCompleted/i.test(x)).length).toBeGreaterThan(8);
  await Worker.runReplayHistory(
    {
      workflowBundle: { codePath: process.env.CONVENE_TEST_WORKFLOW_BUNDLE! },
      dataConverter: dataConverter(testKeyRing()),
    },
    historyFromJSON(json),
    file,
  );
});
