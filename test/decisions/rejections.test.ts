/**
 * Every Update checks who acts and what they send before anything is written: a wrong actor or a
 * malformed payload gets a reason a person can act on, and the history does not grow by one event.
 */
import type { RejectionCode } from '../../domain/rejection';
import { expectRejected } from '../helpers/rejections';
import type { WorkflowHandle } from '@temporalio/client';
import {
  claimImplementedUpdate,
  extendDueDateUpdate,
  reassignLeadUpdate,
  rejectClaimUpdate,
  reportProgressUpdate,
  supersedeUpdate,
  verifyUpdate,
  withdrawUpdate,
  type DecisionTrackingWorkflow,
} from '../../workflows/definitions/decision-tracking';
import {
  proposeIdeaUpdate,
  scheduleReviewUpdate,
  sendDigestNowUpdate,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../../workflows/definitions/standing-committee';
import {
  AU,
  CHAIR,
  historyLength,
  IGAD,
  MEMBER_AU,
  MEMBER_EU,
  ORGANIZER,
  OUTSIDER,
  settled,
  startHarness,
  status,
  type DecisionHarness,
} from './helpers';

let h: DecisionHarness;
let decision: WorkflowHandle;
let committee: WorkflowHandle;

const AU_FOCAL_POINTS = 'AU (focal.point@au.example.org, deputy@au.example.org)';
const MEMBERS =
  'jonas.berg@un.example.org, committee@au.example.org, committee@eu.example.org, committee@oas.example.org, committee@asean.example.org, committee@las.example.org, committee@pif.example.org';

beforeAll(async () => {
  h = await startHarness();
  decision = await h.start({ ref: 'rules' });
  // A claim is pending, so that verify and reject fail on the actor alone.
  await decision.executeUpdate(claimImplementedUpdate, {
    args: [{ as: AU, summary: 'Online.', evidence: ['https://au.example.org/databank'] }],
  });
  // The claim's mail to the committee goes out after the Update returns: let it, before counting.
  await settled(decision as WorkflowHandle<DecisionTrackingWorkflow>);
  committee = await h.t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    taskQueue: h.t.taskQueue,
    workflowId: h.committeeId,
    args: [{ policy: { reviewPeriod: 'PT1H' } }],
  });
  await committee.executeUpdate(proposeIdeaUpdate, { args: [{ as: MEMBER_EU, text: 'A first idea.' }] });
});
afterAll(async () => {
  await decision.terminate('test done');
  await committee.terminate('test done');
  await h.close();
});

const name = () => `decision ${decision.workflowId.replace('decision-7-', '')} of HLM 7`;

/** Sends the Update, expects its refusal with `code`, and checks that nothing reached the history. */
async function refusedBeforeHistory(
  handle: WorkflowHandle,
  send: () => Promise<unknown>,
  code: RejectionCode,
): Promise<string> {
  const before = await historyLength(handle);
  const { message } = await expectRejected(send(), code);
  expect(await historyLength(handle)).toBe(before);
  return message;
}

describe('a decision rejects, before history, whoever may not act', () => {
  test('reportProgress: only focal points of the lead or a responsible organization', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(reportProgressUpdate, {
          args: [{ as: OUTSIDER, percent: 10, narrative: 'x' }],
        }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only the focal points of the lead organization ${AU_FOCAL_POINTS} or of the responsible organizations IGAD (focal.point@igad.example.org, deputy@igad.example.org), ECOWAS (focal.point@ecowas.example.org, deputy@ecowas.example.org) may report progress on ${name()}; you are ${OUTSIDER}`,
    );
  });

  test('claimImplemented: only focal points of the lead, not of a responsible organization', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(claimImplementedUpdate, {
          args: [{ as: IGAD, summary: 'Done.', evidence: ['https://igad.example.org/x'] }],
        }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only the focal points of the lead organization ${AU_FOCAL_POINTS} may claim implementation of ${name()}; you are ${IGAD}`,
    );
  });

  test.each([
    ['verify', verifyUpdate, AU, `verify ${'NAME'}`],
    ['rejectClaim', rejectClaimUpdate, ORGANIZER, `reject the claim on ${'NAME'}`],
  ] as const)('%s: only members of the standing committee', async (_label, update, actor, action) => {
    const message = await refusedBeforeHistory(
      decision,
      () => decision.executeUpdate(update, { args: [{ as: actor, reasons: 'Looks fine.' }] }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only members of the standing committee (${MEMBERS}) may ${action.replace('NAME', name())}; you are ${actor}`,
    );
  });

  test('extendDueDate: only members of the standing committee', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(extendDueDateUpdate, {
          args: [{ as: AU, dueDate: '2030-01-01T00:00:00Z', reason: 'We need more time.' }],
        }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only members of the standing committee (${MEMBERS}) may extend the due date of ${name()}; you are ${AU}`,
    );
  });

  test('extendDueDate: a member from the lead organization may not extend its own decision (as for verify)', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(extendDueDateUpdate, {
          args: [{ as: MEMBER_AU, dueDate: '2030-01-01T00:00:00Z', reason: 'We need more time.' }],
        }),
      'conflict-of-interest',
    );
    expect(message).toBe(
      `you are from AU, the lead organization of ${name()}: another member of the committee must extend its due date`,
    );
  });

  test.each([
    [
      'reassignLead',
      () =>
        decision.executeUpdate(reassignLeadUpdate, {
          args: [{ as: MEMBER_EU, leadOrganization: 'ecowas', reason: 'r' }],
        }),
      MEMBER_EU,
      'reassign the lead of',
    ],
    [
      'withdraw',
      () => decision.executeUpdate(withdrawUpdate, { args: [{ as: AU, reason: 'r' }] }),
      AU,
      'withdraw',
    ],
    [
      'supersede',
      () =>
        decision.executeUpdate(supersedeUpdate, { args: [{ as: CHAIR, reason: 'r', supersededBy: '8/1' }] }),
      CHAIR,
      'supersede',
    ],
  ] as const)('%s: only the organizers', async (_label, send, actor, action) => {
    const message = await refusedBeforeHistory(decision, send, 'wrong-actor');
    expect(message).toBe(`only the organizers (${ORGANIZER}) may ${action} ${name()}; you are ${actor}`);
  });
});

describe('a decision rejects, before history, what is malformed or out of turn', () => {
  test('a percentage above 100 names the field and the rule', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(reportProgressUpdate, { args: [{ as: AU, percent: 150, narrative: 'x' }] }),
      'invalid-payload',
    );
    expect(message).toBe('the progress report is malformed: percent: must be 0–100');
  });

  test('a second claim while one awaits verification', async () => {
    const message = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(claimImplementedUpdate, {
          args: [{ as: AU, summary: 'Again.', evidence: ['https://au.example.org/x'] }],
        }),
      'duplicate',
    );
    expect(message).toMatch(
      /already has a claim awaiting the committee's verification \(by focal.point@au.example.org on /,
    );
  });

  test('a due date that is not later, and an unknown new lead', async () => {
    const earlier = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(extendDueDateUpdate, {
          args: [{ as: MEMBER_EU, dueDate: '2001-01-01T00:00:00Z', reason: 'r' }],
        }),
      'invalid-payload',
    );
    expect(earlier).toMatch(/^the new due date 2001-01-01T00:00:00Z must be after the current one, /);
    const unknown = await refusedBeforeHistory(
      decision,
      () =>
        decision.executeUpdate(reassignLeadUpdate, {
          args: [{ as: ORGANIZER, leadOrganization: 'atlantis', reason: 'r' }],
        }),
      'not-found',
    );
    expect(unknown).toMatch(/^unknown organization "atlantis"; known ids: un, au, igad/);
  });

  test('a claim without evidence', async () => {
    const fresh = await h.start({ ref: 'no-evidence' });
    await settled(fresh);
    const message = await refusedBeforeHistory(
      fresh,
      () =>
        fresh.executeUpdate(claimImplementedUpdate, {
          args: [{ as: AU, summary: 'Trust us.', evidence: [] }],
        }),
      'invalid-payload',
    );
    expect(message).toBe(
      'the claim of implementation is malformed: evidence: evidence is required: give at least one link to what shows the decision implemented',
    );
    expect((await status(fresh)).claims).toEqual([]);
    await fresh.terminate('test done');
  });
});

describe('the standing committee rejects, before history, whoever may not act', () => {
  test('proposeIdea: only members', async () => {
    const message = await refusedBeforeHistory(
      committee,
      () => committee.executeUpdate(proposeIdeaUpdate, { args: [{ as: AU, text: 'An idea.' }] }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only members of the standing committee (${MEMBERS}) may propose ideas for the next meeting; you are ${AU}`,
    );
  });

  test('scheduleReview: only the chair or the organizers, not another member', async () => {
    const message = await refusedBeforeHistory(
      committee,
      () =>
        committee.executeUpdate(scheduleReviewUpdate, {
          args: [{ as: MEMBER_EU, at: '2099-01-01T10:00:00Z' }],
        }),
      'wrong-actor',
    );
    expect(message).toBe(
      `only the chair of the standing committee or the organizers (${CHAIR}, ${ORGANIZER}, hlm.secretariat@un.example.org) may schedule a review; you are ${MEMBER_EU}`,
    );
  });

  test('sendDigestNow: only members or organizers', async () => {
    const message = await refusedBeforeHistory(
      committee,
      () => committee.executeUpdate(sendDigestNowUpdate, { args: [{ as: OUTSIDER }] }),
      'wrong-actor',
    );
    expect(message).toMatch(
      /^only members of the standing committee or the organizers \(.+\) may ask for the digest; you are someone@nowhere.example.org$/,
    );
  });
});
