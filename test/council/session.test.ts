/**
 * The Security Council session on the real dev server, with a real worker and the outbox: a
 * compressed rehearsal (as `convene council start --rehearse` builds it) so a whole session plays
 * in seconds. Each test uses a year of its own, so its workflow ids never meet another's.
 */
import { WorkflowHandle } from '@temporalio/client';
import type { CouncilSessionParams } from '../../domain/council-session';
import { workflowIds } from '../../domain/ids';
import {
  answerUpdate,
  conceptNoteUpdate,
  councilStatusQuery,
  freezeSpeakersUpdate,
  inviteUpdate,
  moveSessionUpdate,
  recordCouncilOutcomeUpdate,
  setSpeakersUpdate,
  COUNCIL_SESSION_WORKFLOW,
  type CouncilSessionWorkflow,
} from '../../workflows/definitions/council-session';
import { decisionStatusQuery } from '../../workflows/definitions/decision-tracking';
import { BRIEFERS, councilInput, councilSpec } from '../helpers/council';
import { eventually } from '../helpers/eventually';
import { recordHistory } from '../helpers/histories';
import { mailTo, readOutbox, type ReceivedMail } from '../helpers/outbox';
import { expectRejected } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const ORGANIZER = 'amina.rahman@un.example.org';
const { au: AU, eu: EU, oas: OAS } = BRIEFERS;
/** One day of the plan lasts this long: the plan below (replyBy − 3 days → meeting + 3 h) plays in ~12 s. */
const SECONDS_PER_DAY = 2;

/** A session in `year` with three briefers, reminders two days and one day before the reply date. */
function sessionInput(year: number): CouncilSessionParams {
  const spec = councilSpec(year, { replyBy: `${year}-10-14T18:00`, reminderOffsets: ['P2D', 'P1D'] });
  return councilInput(t.settings, spec, { secondsPerDay: SECONDS_PER_DAY });
}

async function startSession(input: CouncilSessionParams): Promise<WorkflowHandle<CouncilSessionWorkflow>> {
  return t.client.workflow.start<CouncilSessionWorkflow>(COUNCIL_SESSION_WORKFLOW, {
    taskQueue: t.taskQueue,
    workflowId: workflowIds.councilSession(input.key),
    args: [input],
  });
}

async function phaseIs(session: WorkflowHandle<CouncilSessionWorkflow>, phase: string, timeout = 40_000) {
  return eventually(
    async () => {
      const s = await session.query(councilStatusQuery);
      return s.phase === phase && s;
    },
    { timeout, what: `the session's phase ${phase}` },
  );
}

async function mailOf(id: string): Promise<ReceivedMail[]> {
  // Every council message is on the session's own list.
  return (await readOutbox(t.settings.mail.outboxDir)).filter((m) => m.listId === `<${id}.example.org>`);
}

const address = (m: ReceivedMail) => m.to.replace(/.*</, '').replace('>', '');

const conceptNote = (text: string) => ({
  as: ORGANIZER,
  title: 'Concept note: cooperation with regional organizations',
  text,
});

test('a session end to end: concept note versions, invitations under rule 39 with a calendar entry, answers, a frozen list of speakers changed with a reason, the outcome, and each request tracked as a decision with its source', async () => {
  const worker = await t.createWorker();
  const input = sessionInput(2091);
  const id = workflowIds.councilSession(input.key);
  expect(input.key).toBe('r2091');
  await worker.runUntil(async () => {
    const session = await startSession(input);
    await expectRejected(
      session.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] }),
      'wrong-phase',
      /the invitations go with the concept note; put one first/,
    );
    const v1 = await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('First draft.')] });
    const v2 = await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('Second draft.')] });
    const again = await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('Second draft.')] });
    expect([v1.version, v2.version, again.version]).toEqual([1, 2, 2]);
    expect(v2.sha256).not.toBe(v1.sha256);

    const invited = await session.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] });
    expect(invited.invited).toEqual(['au', 'eu', 'oas']);
    await expectRejected(
      session.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] }),
      'duplicate',
      /the invitations went out/,
    );
    const au = await session.executeUpdate(answerUpdate, {
      args: [{ as: AU, organization: 'au', answer: 'confirm' }],
    });
    expect(au.answer).toBe('confirmed');
    await session.executeUpdate(answerUpdate, {
      args: [{ as: ORGANIZER, organization: 'eu', answer: 'decline', note: 'No one free that day.' }],
    });
    await session.executeUpdate(answerUpdate, {
      args: [{ as: OAS, organization: 'oas', answer: 'confirm' }],
    });
    await expectRejected(
      session.executeUpdate(setSpeakersUpdate, {
        args: [{ as: ORGANIZER, speakers: [{ kind: 'briefer', organization: 'eu', minutes: 5 }] }],
      }),
      'invalid-payload',
      /speakers\.0\.organization: eu has not confirmed its briefer; confirmed: au, oas/,
    );
    const list = await session.executeUpdate(setSpeakersUpdate, {
      args: [
        {
          as: ORGANIZER,
          speakers: [
            { kind: 'council-member', member: 'Romania', minutes: 5 },
            { kind: 'briefer', organization: 'au', minutes: 7 },
          ],
        },
      ],
    });
    expect(list.map((l) => [l.order, l.name, l.minutes])).toEqual([
      [1, 'Romania', 5],
      [2, 'Chairperson of the AU Commission (AU)', 7],
    ]);
    await session.executeUpdate(freezeSpeakersUpdate, { args: [{ as: ORGANIZER }] });
    await expectRejected(
      session.executeUpdate(setSpeakersUpdate, {
        args: [{ as: ORGANIZER, speakers: [{ kind: 'council-member', member: 'France', minutes: 5 }] }],
      }),
      'wrong-phase',
      /a change after that needs a reason, which is recorded/,
    );
    await session.executeUpdate(setSpeakersUpdate, {
      args: [
        {
          as: ORGANIZER,
          reason: 'The OAS confirmed late.',
          speakers: [
            { kind: 'council-member', member: 'Romania', minutes: 5 },
            { kind: 'briefer', organization: 'au', minutes: 7 },
            { kind: 'briefer', organization: 'oas', minutes: 6 },
          ],
        },
      ],
    });
    const before = await session.query(councilStatusQuery);
    expect(before.phase).toBe('invitations');
    expect(before.awaitingAnswer).toEqual([]);
    expect(before.speakers.frozen?.by).toBe(ORGANIZER);
    expect(before.speakers.changes).toHaveLength(1);
    expect(before.speakers.changes[0]).toMatchObject({ by: ORGANIZER, reason: 'The OAS confirmed late.' });
    expect(before.speakers.changes[0]!.before).toHaveLength(2);
    expect(before.speakers.list.map((l) => l.organization ?? l.name)).toEqual(['Romania', 'au', 'oas']);
    expect(before.conceptNotes.map((n) => n.version)).toEqual([1, 2]);

    await phaseIs(session, 'awaiting-outcome');
    await expectRejected(
      session.executeUpdate(answerUpdate, { args: [{ as: AU, organization: 'au', answer: 'decline' }] }),
      'wrong-phase',
      /answering the invitation is possible while the session is invitations; it is awaiting-outcome/,
    );
    const tracked = await session.executeUpdate(recordCouncilOutcomeUpdate, {
      args: [
        {
          as: ORGANIZER,
          outcome: {
            kind: 'resolution',
            symbol: 'S/RES/9091 (2091)',
            adoptedAt: '2091-10-17T17:00:00Z',
            paragraphs: [
              { number: 1, text: 'Welcomes the cooperation.' },
              {
                number: 4,
                text: 'Requests the Secretary-General to report on the cooperation.',
                request: {
                  addressee: 'the Secretary-General',
                  leadOrganization: 'un',
                  area: 'cooperation with regional organizations',
                  title: 'Report on the cooperation',
                  dueDate: '2092-09-15T22:00:00Z',
                },
              },
            ],
          },
        },
      ],
    });
    expect(tracked).toEqual([
      {
        paragraph: 4,
        ref: 'sc9091-4',
        workflowId: workflowIds.decision('r91', 'sc9091-4'),
        source: 'S/RES/9091 (2091), para. 4',
      },
    ]);
    const after = await phaseIs(session, 'following-requests');
    expect(after.outcome).toMatchObject({ symbol: 'S/RES/9091 (2091)', recordedBy: ORGANIZER });
    expect(after.requests).toEqual(tracked);
    expect(after.log.map((l) => l.what)).toContainEqual(
      expect.stringContaining(
        'list of speakers set by amina.rahman@un.example.org after the freeze: The OAS confirmed late.',
      ),
    );

    const decision = t.client.workflow.getHandle(tracked[0]!.workflowId);
    const view = await eventually(() => decision.query(decisionStatusQuery), { what: 'the decision' });
    expect(view.source).toEqual({
      body: 'security-council',
      symbol: 'S/RES/9091 (2091)',
      paragraph: 4,
      session: id,
    });
    expect(view.ref).toBe('sc9091-4');
    expect(view.rehearsal).toBe(true);
    expect(view.lead.id).toBe('un');
    if (process.env.CONVENE_RECORD_HISTORIES) await recordHistory(session, 'council-session');
    await decision.terminate('test over');
    await session.terminate('test over');
  });
  const mails = await mailOf(id);
  const invitations = mails.filter((m) => m.kind === 'council-invitation');
  expect(invitations.map((m) => address(m)).sort()).toEqual([AU, EU, OAS]);
  for (const m of invitations) {
    expect(m.calendar).toMatch(/BEGIN:VEVENT/);
    expect(m.calendar).toMatch(/SEQUENCE:0/);
  }
  expect(mailTo(invitations, AU)[0]!.text).toMatch(/rule 39/i);
  const decline = mailTo(mails, EU).find((m) => m.kind === 'council-decline-noted');
  expect(decline?.calendar).toMatch(/METHOD:CANCEL|STATUS:CANCELLED/);
  // Everyone answered at once: no reminder, no notice of briefers who never did.
  expect(mails.filter((m) => m.kind === 'council-reminder' || m.kind === 'council-unanswered')).toEqual([]);
  const outcome = mails.filter((m) => m.kind === 'council-outcome');
  expect(outcome.map((m) => address(m)).sort()).toEqual(
    [AU, OAS, ORGANIZER, 'council.affairs@un.example.org'].sort(),
  );
  expect(outcome[0]!.text).toContain('S/RES/9091 (2091), para. 4');
}, 90_000);

test('a briefer who never answers: reminders go only to those who have not answered, and at the reply date the organizers are told who never did', async () => {
  const worker = await t.createWorker();
  const input = sessionInput(2092);
  const id = workflowIds.councilSession(input.key);
  await worker.runUntil(async () => {
    const session = await startSession(input);
    await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('The only draft.')] });
    await session.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] });
    await session.executeUpdate(answerUpdate, { args: [{ as: AU, organization: 'au', answer: 'confirm' }] });
    await session.executeUpdate(answerUpdate, {
      args: [{ as: OAS, organization: 'oas', answer: 'decline' }],
    });
    const told = await eventually(async () => (await session.query(councilStatusQuery)).unansweredTold, {
      timeout: 40_000,
      what: 'the organizers told of the briefers who never answered',
    });
    expect(told.organizations).toEqual(['eu']);
    const status = await session.query(councilStatusQuery);
    expect(status.awaitingAnswer).toEqual(['eu']);
    expect(status.remindersSent.length).toBeGreaterThan(0);
    expect(status.remindersSent.every((k) => k.startsWith('eu:'))).toBe(true);
    await session.terminate('test over');
  });
  const mails = await mailOf(id);
  const reminders = mails.filter((m) => m.kind === 'council-reminder');
  expect(reminders.length).toBeGreaterThan(0);
  expect([...new Set(reminders.map(address))]).toEqual([EU]);
  const unanswered = mails.filter((m) => m.kind === 'council-unanswered');
  expect(unanswered.map(address).sort()).toEqual([ORGANIZER, 'council.affairs@un.example.org'].sort());
  for (const m of unanswered) {
    expect(m.text).toContain(EU);
    expect(m.text).not.toContain(AU);
    expect(m.text).not.toContain(OAS);
  }
}, 90_000);

test('only the Council affairs organizers act on the session, and a briefer answers only for their own organization', async () => {
  const worker = await t.createWorker();
  const input = sessionInput(2093);
  const id = workflowIds.councilSession(input.key);
  const organizers = /\(amina\.rahman@un\.example\.org, council\.affairs@un\.example\.org\)/.source;
  const only = (what: string, who: string) =>
    new RegExp(
      `^as: only the Council affairs organizers of ${id} ${organizers} may ${what}; you are ${who}$`,
    );
  await worker.runUntil(async () => {
    const session = await startSession(input);
    await expectRejected(
      session.executeUpdate(conceptNoteUpdate, { args: [{ ...conceptNote('A draft.'), as: AU }] }),
      'wrong-actor',
      only('put a concept note', AU),
    );
    await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('A draft.')] });
    await expectRejected(
      session.executeUpdate(inviteUpdate, { args: [{ as: 'someone@else.example.org' }] }),
      'wrong-actor',
      only('send the invitations', 'someone@else.example.org'),
    );
    await session.executeUpdate(inviteUpdate, { args: [{ as: 'Council.Affairs@un.example.org' }] });
    await expectRejected(
      session.executeUpdate(answerUpdate, { args: [{ as: EU, organization: 'au', answer: 'decline' }] }),
      'wrong-actor',
      new RegExp(
        `^as: only AU's briefer \\(briefer@au\\.example\\.org\\) or a Council affairs organizer ${organizers} may answer for AU; you are briefer@eu\\.example\\.org$`,
      ),
    );
    await expectRejected(
      session.executeUpdate(setSpeakersUpdate, {
        args: [{ as: AU, speakers: [{ kind: 'council-member', member: 'France', minutes: 5 }] }],
      }),
      'wrong-actor',
      only('set the list of speakers', AU),
    );
    await expectRejected(
      session.executeUpdate(freezeSpeakersUpdate, { args: [{ as: OAS }] }),
      'wrong-actor',
      only('freeze the list of speakers', OAS),
    );
    const meeting = input.meeting;
    await expectRejected(
      session.executeUpdate(moveSessionUpdate, {
        args: [{ as: AU, start: meeting.start, end: meeting.end, reason: 'Mine.' }],
      }),
      'wrong-actor',
      only('move the session', AU),
    );
    await expectRejected(
      session.executeUpdate(recordCouncilOutcomeUpdate, {
        args: [
          {
            as: EU,
            outcome: { kind: 'summary-record', symbol: 'S/PV.9093', adoptedAt: '2091-10-17T17:00:00Z' },
          },
        ],
      }),
      'wrong-actor',
      only('record the outcome', EU),
    );
    const status = await session.query(councilStatusQuery);
    expect(status.invitations?.by).toBe('council.affairs@un.example.org'); // addresses compare lowercased
    expect(status.answers).toEqual({});
    expect(status.speakers.list).toEqual([]);
    expect(status.conceptNotes.map((n) => n.by)).toEqual([ORGANIZER]);
    expect(status.moves).toEqual([]);
    await session.terminate('test over');
  });
}, 60_000);

test('a move of the session re-sends the calendar entry, with a higher SEQUENCE, to every briefer who has it', async () => {
  const worker = await t.createWorker();
  const input = sessionInput(2094);
  const id = workflowIds.councilSession(input.key);
  const later = (iso: string) => new Date(Date.parse(iso) + 86_400_000).toISOString();
  await worker.runUntil(async () => {
    const session = await startSession(input);
    await session.executeUpdate(conceptNoteUpdate, { args: [conceptNote('The only draft.')] });
    await session.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] });
    await session.executeUpdate(answerUpdate, { args: [{ as: EU, organization: 'eu', answer: 'decline' }] });
    const moved = await session.executeUpdate(moveSessionUpdate, {
      args: [
        {
          as: ORGANIZER,
          start: later(input.meeting.start),
          end: later(input.meeting.end),
          reason: 'The presidency moved the debate by a day.',
        },
      ],
    });
    expect(moved.from.start).toBe(input.meeting.start);
    expect(moved.to.start).toBe(later(input.meeting.start));
    const status = await session.query(councilStatusQuery);
    expect(status.meeting.start).toBe(later(input.meeting.start));
    expect(status.moves).toHaveLength(1);
    expect(status.icsSequence).toBe(2); // 0 the invitations, 1 EU's decline, 2 the move
    await session.terminate('test over');
  });
  const mails = await mailOf(id);
  const sequenceOf = (m: ReceivedMail | undefined) => Number(/SEQUENCE:(\d+)/.exec(m?.calendar ?? '')?.[1]);
  const movedMails = mails.filter((m) => m.kind === 'council-session-moved');
  expect(movedMails.map(address).sort()).toEqual([AU, OAS]);
  for (const who of [AU, OAS]) {
    const invitation = mailTo(mails, who).find((m) => m.kind === 'council-invitation');
    const move = mailTo(movedMails, who)[0];
    expect(sequenceOf(invitation)).toBe(0);
    expect(sequenceOf(move)).toBe(2);
    // The same calendar entry, at its new time.
    expect(/UID:(.+)/.exec(move!.calendar!)?.[1]).toBe(/UID:(.+)/.exec(invitation!.calendar!)?.[1]);
  }
  expect(mailTo(mails, AU).find((m) => m.kind === 'council-session-moved')!.text).toContain(
    'The presidency moved the debate by a day.',
  );
}, 60_000);
