/**
 * The standing committee's review meeting on the real server (issue 15, item 4): the digest shows
 * it, every member is invited with a calendar entry, and that one entry follows the meeting: moved
 * (same UID, higher SEQUENCE), then cancelled (METHOD:CANCEL, STATUS:CANCELLED).
 */
import type { WorkflowHandle } from '@temporalio/client';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { mailTo, type ReceivedMail } from '../helpers/outbox';
import { expectRejected, rejectionOf } from '../helpers/rejections';
import {
  cancelReviewMeetingUpdate,
  committeeStatusQuery,
  moveReviewMeetingUpdate,
  sendDigestNowUpdate,
  STANDING_COMMITTEE_WORKFLOW,
  type StandingCommitteeWorkflow,
} from '../../workflows/definitions/standing-committee';
import { CHAIR, MEMBER_EU, ORGANIZER, OUTSIDER, startHarness, type DecisionHarness } from './helpers';
import { RECORDED } from './record-histories';

const MEMBERS = 7;

let h: DecisionHarness;
let committee: WorkflowHandle<StandingCommitteeWorkflow>;

beforeAll(async () => {
  h = await startHarness();
  committee = await h.t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    taskQueue: h.t.taskQueue,
    workflowId: h.committeeId,
    // No periodic digest within the test: each one is asked for.
    args: [{ policy: { reviewPeriod: 'P1Y' } }],
  });
});
afterAll(async () => {
  await committee.terminate('test done').catch(() => undefined);
  await h.close();
});

/** The calendar part with its folded lines joined, as a calendar reads it. */
const ics = (mail: ReceivedMail) => mail.calendar!.replace(/\r?\n[ \t]/g, '');
const field = (mail: ReceivedMail, name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(ics(mail))?.[1];
const utc = (iso: string) => iso.replace(/[-:]|\.\d+/g, '');

async function mailsOf(kind: string, count: number, what: string): Promise<ReceivedMail[]> {
  return eventually(
    async () => {
      const sent = (await h.outbox()).filter((m) => m.kind === kind);
      return sent.length === count ? sent : undefined;
    },
    { what },
  );
}

test('the review meeting keeps one calendar entry: invited with the digest, shown again by the next digest, moved, then cancelled', async () => {
  // The first digest proposes the slot and invites every member to it.
  const first = await committee.executeUpdate(sendDigestNowUpdate, { args: [{ as: CHAIR }] });
  const slot = first.reviewSlot!;
  expect(slot.start).toMatch(/^\d{4}-\d\d-\d\dT/);
  const invited = mailTo(await mailsOf('committee-review-invitation', MEMBERS, 'the invitations'), CHAIR)[0]!;
  const uid = field(invited, 'UID')!;
  expect(field(invited, 'SEQUENCE')).toBe('0');
  expect(field(invited, 'DTSTART')).toBe(utc(slot.start));

  // A digest asked for later shows the same meeting, and sends no second invitation.
  const again = await committee.executeUpdate(sendDigestNowUpdate, { args: [{ as: MEMBER_EU }] });
  expect(again.reviewSlot).toMatchObject({ start: slot.start, end: slot.end });
  const digests = await mailsOf('committee-digest', 2 * MEMBERS, 'both digests');
  for (const digest of mailTo(digests, CHAIR)) expect(digest.text).toContain('Review meeting:');
  expect((await h.outbox()).filter((m) => m.kind === 'committee-review-invitation')).toHaveLength(MEMBERS);

  // Only the chair or the organizers move it; the entry is the same, one SEQUENCE on.
  const at = new Date(Date.parse(slot.start) + 24 * 3600_000).toISOString();
  const refused = await rejectionOf(
    committee.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: OUTSIDER, at }] }),
  );
  expect(refused.code).toBe('wrong-actor');
  const moved = await committee.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: CHAIR, at }] });
  expect(moved).toMatchObject({ changed: true, meeting: { start: at, sequence: 1 } });
  const update = mailTo(await mailsOf('committee-review-invitation', 2 * MEMBERS, 'the updates'), CHAIR).find(
    (m) => field(m, 'SEQUENCE') === '1',
  )!;
  expect(field(update, 'UID')).toBe(uid);
  expect(field(update, 'DTSTART')).toBe(utc(at));
  expect(field(update, 'METHOD')).toBe('REQUEST');
  expect(update.subject).toBe('HLM 1 · standing committee review meeting moved');
  expect(update.text).toContain('Previously:');
  // Moving it to where it already is tells nobody again.
  const same = await committee.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: ORGANIZER, at }] });
  expect(same.changed).toBe(false);

  // Cancelled: the same entry, METHOD:CANCEL, one SEQUENCE on; a second cancellation changes nothing.
  const cancelled = await committee.executeUpdate(cancelReviewMeetingUpdate, { args: [{ as: ORGANIZER }] });
  expect(cancelled).toMatchObject({ changed: true, meeting: { sequence: 2 } });
  const cancellation = mailTo(
    await mailsOf('committee-review-cancelled', MEMBERS, 'the cancellations'),
    CHAIR,
  )[0]!;
  expect(field(cancellation, 'UID')).toBe(uid);
  expect(field(cancellation, 'METHOD')).toBe('CANCEL');
  expect(field(cancellation, 'STATUS')).toBe('CANCELLED');
  expect(field(cancellation, 'SEQUENCE')).toBe('2');
  expect(cancellation.subject).toBe('HLM 1 · standing committee review meeting cancelled');
  // Nothing is planned any more: a second cancellation, or a move, is refused before anything is
  // written to the history, with the sentence the chair reads.
  const eventsBefore = (await committee.fetchHistory()).events?.length;
  await expectRejected(
    committee.executeUpdate(cancelReviewMeetingUpdate, { args: [{ as: CHAIR }] }),
    'not-found',
    'no review meeting is planned, so there is none to cancel',
  );
  await expectRejected(
    committee.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: CHAIR, at }] }),
    'not-found',
    'no review meeting is planned, so there is none to move; the next digest proposes one',
  );
  expect((await committee.fetchHistory()).events?.length).toBe(eventsBefore);
  // A wrong actor is still told who may, rather than that there is nothing to move.
  expect(
    (await rejectionOf(committee.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: OUTSIDER, at }] })))
      .code,
  ).toBe('wrong-actor');

  // The next digest proposes a new meeting, a new entry of its own.
  await committee.executeUpdate(sendDigestNowUpdate, { args: [{ as: CHAIR }] });
  const next = mailTo(
    await mailsOf('committee-review-invitation', 3 * MEMBERS, 'the new invitations'),
    CHAIR,
  );
  const fresh = next.find((m) => field(m, 'UID') !== uid)!;
  expect(field(fresh, 'SEQUENCE')).toBe('0');
  expect((await committee.query(committeeStatusQuery)).reviewMeeting).toMatchObject({ sequence: 0 });
  // Every branch of the review meeting's updates (patch 'committee-review-updates'): replayed by
  // test/decisions/replay.test.ts.
  if (process.env.CONVENE_RECORD_HISTORIES) await recordHistory(committee, RECORDED.reviewMeeting);
}, 120_000);

test('a committee that has just started, with no review meeting yet, refuses a move or a cancellation', async () => {
  const fresh = await h.t.client.workflow.start<StandingCommitteeWorkflow>(STANDING_COMMITTEE_WORKFLOW, {
    taskQueue: h.t.taskQueue,
    workflowId: `${h.committeeId}-fresh`,
    args: [{ policy: { reviewPeriod: 'P1Y' } }],
  });
  try {
    const at = new Date(Date.now() + 7 * 86_400_000).toISOString();
    // Sent at once: the validator may run before the roster is loaded; it refuses either way.
    const [move, cancel] = await Promise.all([
      rejectionOf(fresh.executeUpdate(moveReviewMeetingUpdate, { args: [{ as: CHAIR, at }] })),
      rejectionOf(fresh.executeUpdate(cancelReviewMeetingUpdate, { args: [{ as: ORGANIZER }] })),
    ]);
    expect(move).toEqual({
      code: 'not-found',
      message: 'no review meeting is planned, so there is none to move; the next digest proposes one',
    });
    expect(cancel).toEqual({
      code: 'not-found',
      message: 'no review meeting is planned, so there is none to cancel',
    });
    expect((await fresh.query(committeeStatusQuery)).reviewMeeting).toBeUndefined();
  } finally {
    await fresh.terminate('test done').catch(() => undefined);
  }
}, 60_000);
