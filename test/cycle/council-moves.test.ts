/**
 * The Security Council moves its meeting: the organizers are sent the nearest dates at which the
 * high-level meeting coincides with it again, with the timeline re-planned, and one Update applies
 * them; under the policy `followCouncil` the meeting follows on its own and everyone is told.
 */
import { checkCoincidence } from '../../calendar/coincidence';
import type { CouncilSessionInput } from '../../domain/council-session';
import type { CycleInput } from '../../domain/cycle-input';
import { workflowIds } from '../../domain/ids';
import {
  COUNCIL_SESSION_WORKFLOW,
  councilStatusQuery,
  moveSessionUpdate,
} from '../../workflows/definitions/council-session';
import {
  cancelUpdate,
  councilMovedUpdate,
  cycleStatusQuery,
  followCouncilUpdate,
  rescheduleUpdate,
} from '../../workflows/definitions/preparation-cycle';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { compressedCycle, GROUPS, ORGANIZER, startCycle, type CompressedTimeline } from '../helpers/cycle';
import { mailTo, readOutbox } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const DAY = 86_400_000;
const FOCAL_POINT = 'focal.point@eu.example.org';

/** A compressed cycle whose meeting coincides with a Council debate on the same day. */
function cycleWithCouncil(edition: number, followCouncil?: boolean): CycleInput {
  const input = compressedCycle(t.settings, edition);
  return {
    ...input,
    securityCouncil: {
      title: 'Open debate on regional organizations',
      start: input.meeting.start,
      timeZone: 'America/New_York',
    },
    ...(followCouncil ? { followCouncil } : {}),
  };
}

async function planned(cycle: Awaited<ReturnType<typeof startCycle>>) {
  await eventually(async () => (await cycle.query(cycleStatusQuery)).milestones.length > 0, {
    timeout: 45_000,
    what: 'the plan',
  });
}

const inNewYorkWeek = (hlm: string, council: string) =>
  checkCoincidence({
    highLevelMeeting: { start: hlm, timeZone: 'America/New_York' },
    securityCouncil: { start: council, timeZone: 'America/New_York' },
  }).coincide;

test('the organizers are sent the nearest dates that coincide again with the re-planned timeline, and follow-council applies them for everyone', async () => {
  const worker = await t.createWorker();
  const input = cycleWithCouncil(471);
  const councilLater = new Date(Date.parse(input.meeting.start) + 14 * DAY).toISOString();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    await expectRejected(
      cycle.executeUpdate(followCouncilUpdate, { args: [{ as: ORGANIZER }] }),
      'wrong-phase',
      /there is no proposal to follow/,
    );

    const moved = await cycle.executeUpdate(councilMovedUpdate, {
      args: [{ as: ORGANIZER, start: councilLater, source: 'council-session-2027' }],
    });
    expect(moved.coincidence.coincide).toBe(false);
    expect(moved.followed).toBe(false);
    const proposal = moved.proposal!;
    // Nearest: the first day of the Council's week in New York, ten or eleven days on, not fourteen.
    expect(proposal.shiftDays).toBeGreaterThan(0);
    expect(proposal.shiftDays).toBeLessThan(14);
    expect(inNewYorkWeek(proposal.start, councilLater)).toBe(true);
    expect(inNewYorkWeek(new Date(Date.parse(proposal.start) - DAY).toISOString(), councilLater)).toBe(false);
    expect(Date.parse(proposal.end) - Date.parse(proposal.start)).toBe(
      Date.parse(input.meeting.end) - Date.parse(input.meeting.start),
    );
    const deadline = proposal.milestones.find((m) => m.name === 'inputDeadline')!;
    expect(Date.parse(proposal.start) - Date.parse(deadline.at)).toBe(20_000); // the policy's PT20S
    expect((await cycle.query(cycleStatusQuery)).councilProposal?.start).toBe(proposal.start);

    await expectRejected(
      cycle.executeUpdate(followCouncilUpdate, { args: [{ as: GROUPS[0].chair }] }),
      'wrong-actor',
      /only the organizers \(amina\.rahman@un\.example\.org\) may move the meeting to follow the Security Council/,
    );
    const status = await cycle.executeUpdate(followCouncilUpdate, { args: [{ as: ORGANIZER }] });
    expect(status.meeting.start).toBe(proposal.start);
    expect(status.coincidence?.coincide).toBe(true);
    expect(status.councilProposal).toBeUndefined();
    expect(status.milestones.find((m) => m.name === 'inputDeadline')!.at).toBe(deadline.at);
    await expectRejected(
      cycle.executeUpdate(followCouncilUpdate, { args: [{ as: ORGANIZER }] }),
      'wrong-phase',
      /there is no proposal to follow/,
    );
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const mails = await readOutbox(t.settings.mail.outboxDir);
  const sent = mailTo(mails, ORGANIZER).find(
    (m) => m.kind === 'council-move-proposal' && m.subject.includes('HLM 471'),
  );
  for (const body of [sent!.text.replace(/\s+/g, ' '), sent!.html]) {
    expect(body).toContain('Proposed start');
    expect(body).toMatch(/Inputs due: \w+ \d+ \w+ \d{4}, \d\d:\d\d/);
    expect(body).toContain(`convene cycle follow-council 471 --as ${ORGANIZER}`);
    expect(body).toContain('do not coincide');
    expect(body).toContain('because you organize HLM 471');
  }
  // Both zones: the organizer's (New York) and the meeting's are the same; a focal point's differ.
  const notice = mailTo(mails, FOCAL_POINT).find(
    (m) => m.kind === 'reschedule-notice' && m.subject.includes('HLM 471'),
  );
  expect(notice?.calendar).toMatch(/SEQUENCE:1/);
  expect(mailTo(mails, FOCAL_POINT).some((m) => m.kind === 'council-move-proposal')).toBe(false);
}, 90_000);

test('under the policy followCouncil the meeting moves on its own and everyone is told why', async () => {
  const worker = await t.createWorker();
  const input = cycleWithCouncil(472, true);
  const councilLater = new Date(Date.parse(input.meeting.start) + 7 * DAY).toISOString();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    const moved = await cycle.executeUpdate(councilMovedUpdate, {
      args: [{ as: ORGANIZER, start: councilLater }],
    });
    expect(moved.followed).toBe(true);
    expect(moved.coincidence.coincide).toBe(true);
    const status = await cycle.query(cycleStatusQuery);
    expect(status.meeting.start).toBe(moved.proposal!.start);
    expect(inNewYorkWeek(status.meeting.start, councilLater)).toBe(true);
    expect(status.councilProposal).toBeUndefined();
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const mails = (await readOutbox(t.settings.mail.outboxDir)).filter((m) => m.subject.includes('HLM 472'));
  for (const who of [FOCAL_POINT, GROUPS[3].chair, ORGANIZER]) {
    const notice = mailTo(mails, who).find((m) => m.kind === 'reschedule-notice');
    expect(notice?.text.replace(/\s+/g, ' ')).toContain(
      'The meeting has moved on its own to coincide again with the Open debate on regional organizations',
    );
  }
  expect(mails.some((m) => m.kind === 'council-move-proposal')).toBe(false);
}, 90_000);

test('a Council move with no coinciding dates within reach tells the organizers the coincidence is lost', async () => {
  const worker = await t.createWorker();
  const input = cycleWithCouncil(473, true);
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    const farAway = new Date(Date.parse(input.meeting.start) + 200 * DAY).toISOString();
    const moved = await cycle.executeUpdate(councilMovedUpdate, {
      args: [{ as: ORGANIZER, start: farAway }],
    });
    expect(moved).toMatchObject({ followed: false, coincidence: { coincide: false } });
    expect(moved.proposal).toBeUndefined();
    expect((await cycle.query(cycleStatusQuery)).meeting.start).toBe(input.meeting.start);
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const lost = mailTo(await readOutbox(t.settings.mail.outboxDir), ORGANIZER).find(
    (m) => m.kind === 'coincidence-lost' && m.subject.includes('HLM 473'),
  );
  expect(lost?.text).toContain('convene cycle reschedule');
}, 90_000);

/** Inputs stay open for the whole test: the meeting is twenty minutes away. */
const UNHURRIED: CompressedTimeline = {
  meetingIn: 1_200,
  meetingLasts: 4,
  callForInputs: 1_190,
  inputDeadline: 600,
  consolidationEnd: 500,
  commentPeriodEnd: 400,
  invitations: 300,
  outcomeReportDue: 30,
  reminders: [60],
  graceSeconds: 60,
};
const COUNCIL_AFFAIRS = 'council.affairs@un.example.org';

/** A Council session on the cycle's day, timed to coincide with it (`cycleWorkflowId`). */
function sessionFor(cycle: CycleInput, key: string): CouncilSessionInput {
  const start = cycle.meeting.start;
  return {
    key,
    year: Number(key),
    title: 'Test meeting of the Security Council with regional organizations',
    meeting: {
      start,
      end: new Date(Date.parse(start) + 3 * 3_600_000).toISOString(),
      timeZone: 'America/New_York',
      venue: 'Security Council Chamber, New York',
    },
    presidency: {
      member: 'Ghana',
      month: start.slice(0, 7),
      actingFor: { name: 'Kofi Mensah', email: 'president@ghana.example.org' },
    },
    organizers: [
      {
        name: 'Council Affairs Division',
        email: COUNCIL_AFFAIRS,
        organization: 'un',
        timeZone: 'America/New_York',
        language: 'en',
      },
    ],
    councilMembers: ['Ghana', 'France'],
    partners: [
      {
        organization: 'au',
        acronym: 'AU',
        name: 'African Union',
        briefer: {
          name: 'Chairperson of the AU Commission',
          email: 'chairperson@au.example.org',
          organization: 'au',
          timeZone: 'Africa/Addis_Ababa',
          role: 'head',
        },
      },
    ],
    replyBy: new Date(Date.now() + 120_000).toISOString(),
    decisionEdition: cycle.editionKey,
    cycleWorkflowId: workflowIds.cycle(cycle.editionKey),
  };
}

/** A compressed cycle whose Council date is owned by the session `key` (not started yet). */
function timedWithSession(edition: number, key: string) {
  const base = compressedCycle(t.settings, edition, UNHURRIED);
  const sessionId = workflowIds.councilSession(key);
  const input: CycleInput = {
    ...base,
    securityCouncil: {
      ...cycleWithCouncil(edition).securityCouncil!,
      start: base.meeting.start,
      session: sessionId,
    },
  };
  return { base, input, sessionId };
}

test('a move of the Council session reaches the cycle timed with it: coincidence broken, a re-plan proposed; moved back, the meetings coincide again', async () => {
  const worker = await t.createWorker();
  const { input, sessionId } = timedWithSession(474, '2041');
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    const session = await t.client.workflow.start(COUNCIL_SESSION_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: sessionId,
      args: [sessionFor(input, '2041')],
    });
    const twoWeeksOn = (iso: string) => new Date(Date.parse(iso) + 14 * DAY).toISOString();
    const meeting = sessionFor(input, '2041').meeting;
    await session.executeUpdate(moveSessionUpdate, {
      args: [
        {
          as: COUNCIL_AFFAIRS,
          start: twoWeeksOn(meeting.start),
          end: twoWeeksOn(meeting.end),
          reason: 'The presidency moved the debate.',
        },
      ],
    });
    // The Update returns once the cycle has answered: its status already shows the Council's new date.
    const broken = await cycle.query(cycleStatusQuery);
    expect(broken.securityCouncil?.start).toBe(twoWeeksOn(meeting.start));
    expect(broken.coincidence?.coincide).toBe(false);
    expect(broken.councilProposal).toBeDefined();
    expect(inNewYorkWeek(broken.councilProposal!.start, twoWeeksOn(meeting.start))).toBe(true);
    expect(broken.log.some((l) => l.what.includes(`recorded by ${COUNCIL_AFFAIRS} from ${sessionId}`))).toBe(
      true,
    );
    const sessionLog = (await session.query(councilStatusQuery)).log.map((l) => l.what);
    expect(sessionLog).toContainEqual(
      expect.stringContaining(
        `${workflowIds.cycle(input.editionKey)} told of the move: the meetings no longer coincide`,
      ),
    );

    // Moved back to its first date, the session and the cycle coincide again, and the proposal is gone.
    await session.executeUpdate(moveSessionUpdate, {
      args: [
        { as: COUNCIL_AFFAIRS, start: meeting.start, end: meeting.end, reason: 'Back on the first date.' },
      ],
    });
    const fixed = await cycle.query(cycleStatusQuery);
    expect(fixed.securityCouncil?.start).toBe(meeting.start);
    expect(fixed.coincidence?.coincide).toBe(true);
    expect(fixed.councilProposal).toBeUndefined();

    // Only the session the cycle names may record a move for someone who does not organize the cycle.
    await expectRejected(
      cycle.executeUpdate(councilMovedUpdate, {
        args: [{ as: COUNCIL_AFFAIRS, start: twoWeeksOn(meeting.start), source: 'council-session-2042' }],
      }),
      'wrong-actor',
      /only the organizers \(amina\.rahman@un\.example\.org\) may record a move of the Security Council meeting/,
    );
    await session.terminate('test over');
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const proposals = mailTo(await readOutbox(t.settings.mail.outboxDir), ORGANIZER).filter(
    (m) => m.kind === 'council-move-proposal' && m.subject.includes('HLM 474'),
  );
  expect(proposals).toHaveLength(1);
}, 180_000);

test("a session started after its cycle tells the cycle the session's own date at once, in the name of who started it", async () => {
  const worker = await t.createWorker();
  const { base, input, sessionId } = timedWithSession(475, '2043');
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    // The session holds a date an hour later than the copy the cycle started from.
    const own = sessionFor(input, '2043');
    const later = (iso: string) => new Date(Date.parse(iso) + 3_600_000).toISOString();
    const meeting = { ...own.meeting, start: later(own.meeting.start), end: later(own.meeting.end) };
    const session = await t.client.workflow.start(COUNCIL_SESSION_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: sessionId,
      args: [{ ...own, meeting, startedBy: COUNCIL_AFFAIRS }],
    });
    const told = await eventually(
      async () => {
        const s = await cycle.query(cycleStatusQuery);
        return s.securityCouncil?.start === meeting.start && s;
      },
      { timeout: 30_000, what: "the cycle holding the session's date" },
    );
    expect(told.coincidence?.coincide).toBe(inNewYorkWeek(base.meeting.start, meeting.start));
    expect(told.log.map((l) => l.what)).toContainEqual(
      `Security Council meeting moved to ${meeting.start} (recorded by ${COUNCIL_AFFAIRS} from ${sessionId})`,
    );
    await eventually(
      async () =>
        (await session.query(councilStatusQuery)).log.some((l) =>
          l.what.startsWith(`${workflowIds.cycle(input.editionKey)} told of the session's date: `),
        ),
      { what: "the session's log of the telling" },
    );
    if (process.env.CONVENE_RECORD_HISTORIES) await recordHistory(session, 'council-session-date-told');
    await session.terminate('test over');
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
}, 180_000);

test("a reschedule of the cycle that breaks the coincidence tells the session's organizers, with the command that moves the session; moved back, no second notice", async () => {
  const worker = await t.createWorker();
  const { input, sessionId } = timedWithSession(476, '2044');
  const twoWeeksOn = (iso: string) => new Date(Date.parse(iso) + 14 * DAY).toISOString();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await planned(cycle);
    const session = await t.client.workflow.start(COUNCIL_SESSION_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: sessionId,
      args: [{ ...sessionFor(input, '2044'), startedBy: COUNCIL_AFFAIRS }],
    });
    await phaseIsPlanning(session);
    const reschedule = (start: string, end: string) =>
      cycle.executeUpdate(rescheduleUpdate, {
        args: [{ as: ORGANIZER, start, end, reason: 'The venue is not free that week.' }],
      });
    await reschedule(twoWeeksOn(input.meeting.start), twoWeeksOn(input.meeting.end));
    // The cycle's Update returns once the session has taken it.
    const heard = (await session.query(councilStatusQuery)).cycleMeeting;
    expect(heard).toMatchObject({
      cycle: workflowIds.cycle(input.editionKey),
      start: twoWeeksOn(input.meeting.start),
      previousStart: input.meeting.start,
      coincide: false,
      by: ORGANIZER,
    });
    expect(heard?.explanation).toMatch(/different ISO weeks/);

    await reschedule(input.meeting.start, input.meeting.end);
    expect((await session.query(councilStatusQuery)).cycleMeeting).toMatchObject({
      start: input.meeting.start,
      coincide: true,
    });
    expect((await cycle.query(cycleStatusQuery)).log.map((l) => l.what)).toContainEqual(
      `${sessionId} told of the reschedule`,
    );
    if (process.env.CONVENE_RECORD_HISTORIES) await recordHistory(cycle, 'cycle-reschedule-tells-session');
    await session.terminate('test over');
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });
  const notices = (await readOutbox(t.settings.mail.outboxDir)).filter(
    (m) => m.kind === 'council-cycle-moved' && m.listId === `<${sessionId}.example.org>`,
  );
  expect(notices.map((m) => m.to)).toEqual([expect.stringContaining(COUNCIL_AFFAIRS)]);
  expect(notices[0]!.subject).toMatch(
    /^SC 2044 · the Test high-level meeting 476 moved and no longer coincides$/,
  );
  expect(notices[0]!.text.replace(/\s+/g, ' ')).toContain(
    `move the session (convene council move 2044 --start <local> --end <local> --reason "…" --as ${COUNCIL_AFFAIRS})`,
  );
}, 180_000);

async function phaseIsPlanning(session: {
  query: (q: typeof councilStatusQuery) => Promise<{ phase: string }>;
}) {
  await eventually(async () => (await session.query(councilStatusQuery)).phase === 'planning', {
    what: "the session's first task",
  });
}
