/**
 * A Security Council session's pages against the run's real Temporal server, a real worker, the
 * real store and the outbox: an organizer sends the invitations from the session's dashboard; a
 * briefer follows the invitation's link, signs in, reads the invitation and confirms; another
 * declines and then changes their mind; the organizer freezes the list of speakers. And the doors
 * that must stay shut: the dashboard for anyone but the session's Council affairs organizers, a
 * briefing page for anyone not invited, an organizer's action by a briefer.
 */
import type { Worker } from '@temporalio/worker';
import { workflowIds } from '../../domain/ids';
import {
  answerUpdate,
  conceptNoteUpdate,
  councilStatusQuery,
  inviteUpdate,
  recordCouncilOutcomeUpdate,
  setSpeakersUpdate,
  type CouncilSessionWorkflow,
} from '../../workflows/definitions/council-session';
import { BRIEFERS, councilInput, councilSpec, startCouncilSession } from '../helpers/council';
import { eventually } from '../helpers/eventually';
import { mailTo, readOutbox, type ReceivedMail } from '../helpers/outbox';
import { startTestPortal, Visitor, type TestPortal } from '../helpers/portal';

jest.setTimeout(120_000);

const ORGANIZER = 'amina.rahman@un.example.org';
/** The other Council affairs organizer: known to the portal only through the sessions naming them. */
const COUNCIL_AFFAIRS = 'council.affairs@un.example.org';
const { au: AU, eu: EU } = BRIEFERS;
/** A standing committee member, signed in, who has nothing to do with the session. */
const COMMITTEE_CHAIR = 'jonas.berg@un.example.org';
/** A real session (no rehearsal) decades ahead: nothing happens on its own while the tests act. */
const YEAR = 2081;
const sessionId = workflowIds.councilSession(String(YEAR));
const dashboard = `/council/${sessionId}`;
const briefing = `/council/${sessionId}/briefing`;

let p: TestPortal;
let worker: Worker;
let running: Promise<void>;

const spec = (year = YEAR) => councilSpec(year);

const session = () => p.t.client.workflow.getHandle<CouncilSessionWorkflow>(sessionId);
const status = () => session().query(councilStatusQuery);
const outbox = () => readOutbox(p.t.settings.mail.outboxDir);
const refusalOf = (html: string) => /class="refusal"[^>]*>([^<]*)</.exec(html)?.[1];
const linkIn = (mail: ReceivedMail | undefined) =>
  new RegExp(`${p.url.replace(/[.:/]/g, '\\$&')}/council/[a-z0-9-]+/briefing`).exec(mail?.text ?? '')?.[0];

beforeAll(async () => {
  p = await startTestPortal();
  worker = await p.t.createWorker();
  running = worker.run();
  await startCouncilSession(p.t.client, p.t.taskQueue, councilInput(p.t.settings, spec()));
  await session().executeUpdate(conceptNoteUpdate, {
    args: [
      {
        as: ORGANIZER,
        title: 'Concept note: cooperation in conflict prevention',
        text: 'The Council will hear the regional organizations.\n\nEach briefer speaks for seven minutes.',
      },
    ],
  });
}, 60_000);

afterAll(async () => {
  await session()
    .terminate('test over')
    .catch(() => undefined);
  worker.shutdown();
  await running;
  await p.close();
});

test('a Council affairs organizer known only from the session signs in, finds the dashboard from the home page and sends the invitations from it', async () => {
  const organizer = await p.signIn(COUNCIL_AFFAIRS);
  const home = await organizer.get('/');
  expect(home.html).toContain(`href="${dashboard}"`);
  // An organizer who follows a briefer's link is taken to the dashboard.
  expect((await organizer.get(briefing)).location).toBe(dashboard);

  const page = await organizer.get(dashboard);
  expect(page.status).toBe(200);
  expect(page.html).toContain('Organizers’ dashboard');
  expect(page.html).toMatch(/Stage<\/dt><dd>planning/);
  expect(page.html).toContain('Version 1: Concept note: cooperation in conflict prevention');
  expect(page.html).toContain('Romania (2081-10)');
  expect(page.html).toMatch(/id="briefer-au">[\s\S]*?no answer yet/);

  const sent = await organizer.post(`${dashboard}/invite`, {});
  expect([sent.status, sent.location]).toEqual([303, `${dashboard}?done=invite`]);
  const after = await status();
  expect(after.invitations?.by).toBe(COUNCIL_AFFAIRS);
  expect(after.phase).toBe('invitations');
  const shown = await organizer.get(sent.location ?? '');
  expect(shown.html).toContain('The invitations are on their way to every briefer.');
  expect(shown.html).not.toContain(`action="${dashboard}/invite"`); // sent: the form is gone

  // The invitation carries the briefer's page, in its text and its calendar entry.
  const invitation = await eventually(
    async () => mailTo(await outbox(), AU).find((m) => m.kind === 'council-invitation'),
    { what: 'the invitation to the AU briefer' },
  );
  expect(linkIn(invitation)).toBe(`${p.url}${briefing}`);
  expect(invitation.text).toContain('Confirm or decline the invitation');
  expect(invitation.calendar).toContain(`${p.url}${briefing}`);
});

test('a briefer follows the invitation link, signs in, reads the invitation in their zone and New York’s, and confirms; the session records it as theirs', async () => {
  const invitation = await eventually(
    async () => mailTo(await outbox(), AU).find((m) => m.kind === 'council-invitation'),
    { what: 'the invitation to the AU briefer' },
  );
  const path = new URL(linkIn(invitation) ?? '').pathname;
  const briefer = new Visitor(p.url);
  const first = await briefer.get(path);
  expect([first.status, first.location]).toEqual([303, `/sign-in?next=${encodeURIComponent(path)}`]);
  const signedIn = await briefer.signInWith(await p.requestSignInLink(briefer, AU, path));
  expect(signedIn.location).toBe(path);

  const page = await briefer.get(path);
  expect(page.status).toBe(200);
  expect(page.html).toContain('AU, through its head');
  expect(page.html).toContain('Rule 39 of the provisional rules of procedure');
  // The AU briefer sits in Addis Ababa; the meeting is in New York.
  expect(page.html).toMatch(/Meeting<\/dt><dd>[^<]*Addis Ababa[^<]*New York/);
  expect(page.html).toContain('Concept note: cooperation in conflict prevention (version 1)');
  expect(page.html).toContain('AU has not answered yet.');

  const note = await briefer.get(`/council/${sessionId}/concept-note`);
  expect(note.status).toBe(200);
  expect(note.html).toContain('Each briefer speaks for seven minutes.');

  // The organization is the briefer's own: a field naming another one is not read.
  const sent = await briefer.post(`${path.replace('/briefing', '')}/answer`, {
    answer: 'confirm',
    organization: 'eu',
  });
  expect([sent.status, sent.location]).toEqual([303, `${briefing}?done=answer`]);
  const after = await status();
  expect(after.answers.au).toEqual(expect.objectContaining({ answer: 'confirmed', by: AU }));
  expect(after.answers.eu).toBeUndefined();
  const shown = await briefer.get(sent.location ?? '');
  expect(shown.html).toContain('Your answer is recorded');
  expect(shown.html).toMatch(/AU confirmed on [^<]*\(recorded by briefer@au\.example\.org\)/);
  expect((await briefer.get('/')).html).toContain(`href="${briefing}"`);
});

test('a briefer who declined changes their mind and confirms before the list is frozen: the meeting comes back to their calendar', async () => {
  const briefer = await p.signIn(EU, briefing);
  await briefer.get(briefing);
  const declined = await briefer.post(`/council/${sessionId}/answer`, {
    answer: 'decline',
    note: 'The High Representative is travelling that week.',
  });
  expect(declined.status).toBe(303);
  expect((await status()).answers.eu).toEqual(
    expect.objectContaining({ answer: 'declined', note: 'The High Representative is travelling that week.' }),
  );
  await eventually(async () => mailTo(await outbox(), EU).find((m) => m.kind === 'council-decline-noted'), {
    what: 'the decline noted, to the EU briefer',
  });
  const page = await briefer.get(briefing);
  expect(page.html).toContain('EU declined on');
  expect(page.html).toMatch(/id="answer-decline"[^>]*checked/);

  const confirmed = await briefer.post(`/council/${sessionId}/answer`, { answer: 'confirm' });
  expect(confirmed.status).toBe(303);
  expect((await status()).answers.eu).toEqual(expect.objectContaining({ answer: 'confirmed', by: EU }));
  // A second invitation, with a later calendar revision than the decline's cancellation.
  const invitations = await eventually(
    async () => {
      const sent = mailTo(await outbox(), EU).filter((m) => m.kind === 'council-invitation');
      return sent.length === 2 && sent;
    },
    { what: 'the invitation sent again to the EU briefer' },
  );
  const sequences = invitations.map((m) => Number(/SEQUENCE:(\d+)/.exec(m.calendar ?? '')?.[1]));
  expect(Math.max(...sequences)).toBeGreaterThan(Math.min(...sequences));
});

test('the dashboard is refused to anyone but the session’s organizers, and a briefing page to anyone not invited', async () => {
  const briefer = await p.signIn(AU);
  const refused = await briefer.get(dashboard);
  expect(refused.status).toBe(403);
  expect(refused.html).toContain('This page is for the Council affairs organizers of this session.');
  const freeze = await briefer.post(`${dashboard}/freeze`, {});
  expect(freeze.status).toBe(403);
  expect((await status()).speakers.frozen).toBeUndefined();

  const member = await p.signIn(COMMITTEE_CHAIR);
  expect((await member.get(dashboard)).status).toBe(403);
  const notInvited = await member.get(briefing);
  expect(notInvited.status).toBe(403);
  expect(notInvited.html).toContain('This page is for the briefers invited to this session.');
  const answer = await member.post(`/council/${sessionId}/answer`, { answer: 'decline' });
  expect(answer.status).toBe(403);
  expect((await status()).answers.au?.answer).toBe('confirmed');
  expect((await member.get('/')).html).not.toContain(`/council/${sessionId}`);
});

test('an organizer freezes the list of speakers from the dashboard; the validator’s refusal before there is a list reads in the organizer’s language', async () => {
  const organizer = await p.signIn(ORGANIZER);
  await organizer.get(dashboard);
  await organizer.post('/language', { lang: 'fr', back: dashboard });
  await organizer.get(dashboard);
  const early = await organizer.post(`${dashboard}/freeze`, {});
  expect(early.status).toBe(409);
  expect(refusalOf(early.html)).toContain('établissez la liste des orateurs avant de l’arrêter');
  expect(early.html).toContain('<html lang="fr"');

  await session().executeUpdate(setSpeakersUpdate, {
    args: [
      {
        as: ORGANIZER,
        speakers: [
          { kind: 'council-member', member: 'Romania', minutes: 10 },
          { kind: 'briefer', organization: 'au', minutes: 7 },
          { kind: 'briefer', organization: 'eu', minutes: 7 },
        ],
      },
    ],
  });
  await organizer.get(dashboard);
  const frozen = await organizer.post(`${dashboard}/freeze`, {});
  expect([frozen.status, frozen.location]).toEqual([303, `${dashboard}?done=freeze`]);
  expect((await status()).speakers.frozen?.by).toBe(ORGANIZER);
  const page = await organizer.get(frozen.location ?? '');
  expect(page.html).toContain('La liste des orateurs est arrêtée');
  expect(page.html).toContain('Chairperson of the AU Commission (AU) : 7 minutes');
  expect(page.html).toMatch(/id="briefer-eu">[\s\S]*?confirmé/);
  expect(page.html).not.toContain(`action="${dashboard}/freeze"`);
});

test('once the list of speakers is frozen a briefer can no longer change their answer in the portal; the organizers still record a change', async () => {
  expect((await status()).speakers.frozen).toBeDefined(); // the test before froze it
  const briefer = await p.signIn(AU, briefing);
  const page = await briefer.get(briefing);
  expect(page.html).not.toContain(`action="/council/${sessionId}/answer"`);
  expect(page.html).toContain('your answer can no longer be changed here');
  const refused = await briefer.post(`/council/${sessionId}/answer`, { answer: 'decline' });
  expect(refused.status).toBe(409);
  expect(refusalOf(refused.html)).toMatch(
    /^Not done: answer: the list of speakers was frozen .* AU&#39;s answer can no longer be changed here\. Write to the Council affairs organizers \(amina\.rahman@un\.example\.org, council\.affairs@un\.example\.org\)/,
  );
  expect((await status()).answers.au?.answer).toBe('confirmed');
  // The same answer again is no change, and is taken.
  const same = await briefer.post(`/council/${sessionId}/answer`, { answer: 'confirm' });
  expect(same.status).toBe(303);

  const recorded = await session().executeUpdate(answerUpdate, {
    args: [{ as: ORGANIZER, organization: 'au', answer: 'decline', note: 'Told by telephone.' }],
  });
  expect(recorded).toEqual(expect.objectContaining({ answer: 'declined', by: ORGANIZER }));
});

test('after the meeting the dashboard shows the outcome, each request linked to its decision page, which the session’s organizers may read', async () => {
  // A compressed rehearsal (one day in two seconds) of another year, so the meeting is over in seconds.
  const input = councilInput(p.t.settings, spec(2083), { secondsPerDay: 2 });
  const id = workflowIds.councilSession(input.key);
  const rehearsal = await startCouncilSession(p.t.client, p.t.taskQueue, input);
  try {
    await rehearsal.executeUpdate(conceptNoteUpdate, {
      args: [
        { as: ORGANIZER, title: 'Concept note', text: 'The Council will hear the regional organizations.' },
      ],
    });
    await rehearsal.executeUpdate(inviteUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await rehearsal.query(councilStatusQuery)).phase === 'awaiting-outcome', {
      timeout: 40_000,
      what: 'the rehearsal awaiting its outcome',
    });
    const [tracked] = await rehearsal.executeUpdate(recordCouncilOutcomeUpdate, {
      args: [
        {
          as: ORGANIZER,
          outcome: {
            kind: 'presidential-statement',
            symbol: 'S/PRST/2083/5',
            adoptedAt: '2083-10-17T17:00:00Z',
            paragraphs: [
              {
                number: 3,
                text: 'The Council requests the Secretary-General to report on the cooperation.',
                request: {
                  addressee: 'the Secretary-General',
                  leadOrganization: 'un',
                  area: 'cooperation with regional organizations',
                  title: 'Report on the cooperation',
                  dueDate: '2084-09-15T22:00:00Z',
                },
              },
            ],
          },
        },
      ],
    });
    const organizer = await p.signIn(COUNCIL_AFFAIRS);
    const page = await eventually(
      async () => {
        const shown = await organizer.get(`/council/${id}`);
        return shown.html.includes(`href="/decisions/${tracked!.workflowId}"`) && shown;
      },
      { what: 'the request linked on the dashboard once its decision is started' },
    );
    expect(page.html).toMatch(/S\/PRST\/2083\/5, recorded on [^<]* by amina\.rahman@un\.example\.org/);
    expect(page.html).toContain(`S/PRST/2083/5, para. 3: decision ${tracked!.ref}`);
    const decision = await organizer.get(`/decisions/${tracked!.workflowId}`);
    expect(decision.status).toBe(200);
    expect(decision.html).toContain('Report on the cooperation');
    // A briefer of the session is none of its organizers, nor the decision's lead: refused.
    const briefer = await p.signIn(AU);
    expect((await briefer.get(`/decisions/${tracked!.workflowId}`)).status).toBe(403);
  } finally {
    await rehearsal.terminate('test over').catch(() => undefined);
    // The requests' decisions outlive their session (parent-close policy abandon).
    for (const r of (await rehearsal.query(councilStatusQuery).catch(() => undefined))?.requests ?? [])
      await p.t.client.workflow
        .getHandle(r.workflowId)
        .terminate('test over')
        .catch(() => undefined);
  }
});

test('an organizer moves the session from the dashboard, in the meeting’s own wall clock; a malformed or inverted date is refused beside the form, naming the rule', async () => {
  const year = 2084;
  const id = workflowIds.councilSession(String(year));
  const input = councilInput(p.t.settings, spec(year));
  const moved = await startCouncilSession(p.t.client, p.t.taskQueue, input);
  try {
    const organizer = await p.signIn(ORGANIZER);
    const page = await organizer.get(`/council/${id}`);
    // The form starts from the session's own dates, as New York's wall clock.
    expect(page.html).toContain(
      `id="move-start" name="start" required aria-describedby="move-hint" value="${year}-10-17T10:00"`,
    );
    expect(page.html).toContain('(America/New_York)');

    const malformed = await organizer.post(`/council/${id}/move`, {
      start: 'next Tuesday',
      end: `${year}-10-18T13:00`,
      reason: 'The Council’s programme of work changed.',
    });
    expect(malformed.status).toBe(422);
    expect(refusalOf(malformed.html)).toContain('start: must be a date and a time, such as 2006-09-21T10:00');
    expect(malformed.html).toContain('The Council’s programme of work changed.</textarea>');

    // 02:30 on the second Sunday of March does not exist in New York: the calendar's rule says so.
    const skipped = await organizer.post(`/council/${id}/move`, {
      start: `${year}-03-12T02:30`,
      end: `${year}-03-12T05:00`,
      reason: 'The Council’s programme of work changed.',
    });
    expect(skipped.status).toBe(422);
    expect(refusalOf(skipped.html)).toContain(
      `start ${year}-03-12T02:30 does not exist in America/New_York: the clocks skip that hour`,
    );

    const inverted = await organizer.post(`/council/${id}/move`, {
      start: `${year}-10-18T13:00`,
      end: `${year}-10-18T10:00`,
      reason: 'The Council’s programme of work changed.',
    });
    expect(inverted.status).toBe(422);
    expect(refusalOf(inverted.html)).toContain('end: must be after start');
    expect((await moved.query(councilStatusQuery)).meeting.start).toBe(input.meeting.start);

    const done = await organizer.post(`/council/${id}/move`, {
      start: `${year}-10-18T10:00`,
      end: `${year}-10-18T13:00`,
      reason: 'The Council’s programme of work changed.',
    });
    expect([done.status, done.location]).toEqual([303, `/council/${id}?done=move`]);
    const after = await moved.query(councilStatusQuery);
    // 10:00 in New York on 18 October (daylight saving time) is 14:00 UTC.
    expect(after.meeting).toMatchObject({
      start: `${year}-10-18T14:00:00.000Z`,
      end: `${year}-10-18T17:00:00.000Z`,
    });
    expect(after.moves.at(-1)).toMatchObject({
      by: ORGANIZER,
      reason: 'The Council’s programme of work changed.',
    });
    expect((await organizer.get(done.location ?? '')).html).toContain('The session has moved');

    // A briefer may not move it: the door is shut before any Update.
    const briefer = await p.signIn(AU);
    const refused = await briefer.post(`/council/${id}/move`, {
      start: `${year}-10-19T10:00`,
      end: `${year}-10-19T13:00`,
      reason: 'No.',
    });
    expect(refused.status).toBe(403);
    expect((await moved.query(councilStatusQuery)).moves).toHaveLength(1);
  } finally {
    await moved.terminate('test over').catch(() => undefined);
  }
});
