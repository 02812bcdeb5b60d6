/**
 * Recorded histories of real runs (test/histories/, re-recorded with
 * `npx tsx test/decisions/record-histories.ts`) replay against today's workflow code: a change
 * that would break running decisions or the committee fails here, not in production.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { dataConverter } from '../../codec/data-converter';
import { HISTORIES_DIR } from '../helpers/histories';
import { testKeyRing } from '../helpers/keys';
import { RECORDED } from './record-histories';

const bundle = () => {
  const codePath = process.env.CONVENE_TEST_WORKFLOW_BUNDLE;
  if (!codePath) throw new Error('CONVENE_TEST_WORKFLOW_BUNDLE is not set: run the tests through jest');
  return { codePath };
};

test.each([
  [
    'a decision from adoption through escalation, extension, a rejected claim and verification',
    RECORDED.lifecycle,
  ],
  ['the first run of a decision that continued as new', RECORDED.continueAsNew],
  [
    'one period of the standing committee: an idea, new decisions, the digest and the hand-over',
    RECORDED.committee,
  ],
  [
    'the committee invites to its review meeting with a digest, shows it again, moves it, cancels it, then invites to a new one',
    RECORDED.reviewMeeting,
  ],
  ['the same, before the rotation by meetings held', RECORDED.reviewMeetingV1],
  [
    'a period after a review meeting held: it is kept, and the next is proposed away from those who bore it',
    RECORDED.reviewRotation,
  ],
])('%s replays without a determinism error', async (_story, file) => {
  const history = historyFromJSON(JSON.parse(readFileSync(path.join(HISTORIES_DIR, `${file}.json`), 'utf8')));
  expect(history.events?.length).toBeGreaterThan(10);
  await Worker.runReplayHistory(
    { workflowBundle: bundle(), dataConverter: dataConverter(testKeyRing()) },
    history,
  );
});
