/**
 * The recorded Council sessions replay with the current code:
 * - council-session.json: test/council/session.test.ts, end to end, recorded with
 *   `CONVENE_RECORD_HISTORIES=1 npx jest test/council/session.test.ts`;
 * - council-session-date-told.json: a session that tells its cycle its own date at the start
 *   (patch 'council-date-told-at-start'), recorded with
 *   `CONVENE_RECORD_HISTORIES=1 npx jest test/cycle/council-moves.test.ts -t "started after its cycle"`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { HISTORIES_DIR } from '../helpers/histories';
import { testKeyRing } from '../helpers/keys';

type RecordedHistory = { events: Array<{ eventType: string | number }> };

function readHistory(file: string): RecordedHistory {
  return JSON.parse(readFileSync(path.join(HISTORIES_DIR, file), 'utf8')) as RecordedHistory;
}

const eventTypes = (json: RecordedHistory) => json.events.map((e) => String(e.eventType));

async function replay(file: string, json: RecordedHistory): Promise<void> {
  await Worker.runReplayHistory(
    {
      workflowBundle: { codePath: process.env.CONVENE_TEST_WORKFLOW_BUNDLE! },
      dataConverter: dataConverter(testKeyRing()),
    },
    historyFromJSON(json),
    file,
  );
}

test('the recorded Council session (concept notes, invitations, answers, speakers, outcome, a decision started) replays with the current workflow code', async () => {
  const file = 'council-session.json';
  const json = readHistory(file);
  const types = eventTypes(json);
  expect(
    types.some((x) =>
      /START_CHILD_WORKFLOW_EXECUTION_INITIATED|StartChildWorkflowExecutionInitiated/i.test(x),
    ),
  ).toBe(true);
  expect(types.filter((x) => /UPDATE_COMPLETED|UpdateCompleted/i.test(x)).length).toBeGreaterThan(8);
  await replay(file, json);
});

test('the recorded session that told its cycle its own date at the start replays with the current workflow code', async () => {
  const file = 'council-session-date-told.json';
  const json = readHistory(file);
  // The branch under the patch: a marker, then the activity that tells the cycle.
  expect(eventTypes(json)).toContain('EVENT_TYPE_MARKER_RECORDED');
  expect(JSON.stringify(json)).toContain('"tellCycleOfCouncilMove"');
  await replay(file, json);
});
