/**
 * Three events of a preparation cycle that concern people: an input received (its receipt to the
 * group's chair and delegates), an extension requested (to the organizers) and the final agenda
 * (to everyone the cycle concerns). Each reaches exactly its people, each with their own reason.
 */
import { workflowIds } from '../../domain/ids';
import type { InputContent } from '../../domain/working-group';
import {
  approveAgendaUpdate,
  cancelUpdate,
  cycleStatusQuery,
} from '../../workflows/definitions/preparation-cycle';
import {
  requestExtensionUpdate,
  reviewInputUpdate,
  submitInputUpdate,
} from '../../workflows/definitions/working-group-input';
import { eventually } from '../helpers/eventually';
import { compressedCycle, groupOf, ORGANIZER, sampleInput, startCycle } from '../helpers/cycle';
import { readOutbox, type ReceivedMail } from '../helpers/outbox';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const CHAIR = 'kwame.asante@au.example.org';
const DELEGATE = 'sione.tupou@pif.example.org';
const OTHER_CHAIR = 'mere.vula@pif.example.org';
const FOCAL_POINTS = [
  'focal.point@au.example.org',
  'deputy@au.example.org',
  'focal.point@pif.example.org',
  'deputy@pif.example.org',
];
const en = (name: string, email: string, organization: string) => ({
  name,
  email,
  organization,
  language: 'en',
});

function cycleInput(edition: number) {
  return compressedCycle(t.settings, edition, undefined, {
    participants: ['au', 'pif'],
    workingGroups: [
      {
        id: 'peacekeeping',
        title: 'Peacekeeping',
        area: 'peacekeeping',
        chair: en('Kwame Asante', CHAIR, 'au'),
        delegates: [en('Sione Tupou', DELEGATE, 'pif')],
        members: ['au', 'pif'],
      },
      {
        id: 'mediation',
        title: 'Mediation',
        area: 'mediation',
        chair: en('Mere Vula', OTHER_CHAIR, 'pif'),
        members: ['pif'],
      },
    ],
  });
}

const flat = (m: ReceivedMail) => m.text.replace(/\s+/g, ' ');
const reasonOf = (m: ReceivedMail) => /You receive this message because ([^.]*)\./.exec(flat(m))?.[1];
const recipients = (mails: ReceivedMail[]) => mails.map((m) => m.to.replace(/^.*<|>$/g, '')).sort();

test('a chair’s extension request tells the organizers, each version of an input gets a receipt to the chair and delegates, and the final agenda reaches everyone', async () => {
  const input = cycleInput(811);
  const paper: InputContent = {
    ...sampleInput('peacekeeping'),
    summary: 'Version two: the group adds a paper on standby arrangements.',
    attachments: [
      {
        title: 'Standby arrangements',
        ref: 'https://au.example.org/papers/standby.pdf',
      },
    ],
  };
  const worker = await t.createWorker();
  await worker.runUntil(async () => {
    const cycle = await startCycle(t, input);
    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'collecting-inputs', {
      timeout: 45_000,
      what: 'the call for inputs',
    });
    const group = groupOf(t.client, input, 'peacekeeping');
    const first = await eventually(
      () =>
        group.executeUpdate(submitInputUpdate, {
          args: [{ as: DELEGATE, input: sampleInput('peacekeeping') }],
        }),
      { timeout: 45_000, what: 'the group accepting inputs' },
    );
    expect(first).toMatchObject({ version: 1, duplicate: false });
    const status = await cycle.query(cycleStatusQuery);
    const until = new Date(Date.parse(status.milestones.find((m) => m.name === 'inputDeadline')!.at) + 2_000);
    await group.executeUpdate(requestExtensionUpdate, {
      args: [{ as: CHAIR, until: until.toISOString(), reason: 'Our members are consulting capitals.' }],
    });
    // The same submission again is the same receipt, and sends nothing new.
    const again = await group.executeUpdate(submitInputUpdate, {
      args: [{ as: DELEGATE, input: sampleInput('peacekeeping') }],
    });
    expect(again.duplicate).toBe(true);
    const second = await group.executeUpdate(submitInputUpdate, { args: [{ as: CHAIR, input: paper }] });
    expect(second.version).toBe(2);
    await group.executeUpdate(reviewInputUpdate, {
      args: [{ as: ORGANIZER, decision: 'accept', version: 2 }],
    });

    await eventually(async () => (await cycle.query(cycleStatusQuery)).phase === 'agenda-comment', {
      timeout: 40_000,
      what: 'the draft agenda',
    });
    await cycle.executeUpdate(approveAgendaUpdate, { args: [{ as: ORGANIZER }] });
    await eventually(async () => (await cycle.query(cycleStatusQuery)).documents.finalAgenda !== undefined, {
      timeout: 20_000,
      what: 'the final agenda',
    });
    await eventually(
      async () =>
        (await readOutbox(t.settings.mail.outboxDir)).some(
          (m) => m.kind === 'final-agenda' && m.subject.includes('HLM 811'),
        ),
      { timeout: 20_000, what: 'the final agenda’s mail' },
    );
    await cycle.executeUpdate(cancelUpdate, { args: [{ as: ORGANIZER, reason: 'test over' }] });
    await cycle.result();
  });

  const mail = (await readOutbox(t.settings.mail.outboxDir)).filter((m) => m.subject.includes('HLM 811'));
  const ofKind = (kind: string) => mail.filter((m) => m.kind === kind);

  // Extension requested: the organizers only, with who, which group, until when, why, and how to decide.
  const requested = ofKind('extension-requested');
  expect(recipients(requested)).toEqual([ORGANIZER]);
  const toOrganizer = requested.find((m) => m.to.includes(ORGANIZER))!;
  expect(toOrganizer.subject).toBe('HLM 811 · Peacekeeping: extension requested');
  expect(flat(toOrganizer)).toContain('Kwame Asante asks, for the Peacekeeping working group');
  expect(flat(toOrganizer)).toContain('Our members are consulting capitals.');
  expect(flat(toOrganizer)).toContain(`convene input decide 811 peacekeeping --grant --as ${ORGANIZER}`);
  expect(toOrganizer.text).toContain(`/groups/${workflowIds.workingGroup(input.editionKey, 'peacekeeping')}`);
  expect(reasonOf(toOrganizer)).toBe(
    'you organize HLM 811 and decide on the extensions the Peacekeeping working group asks for',
  );

  // Input received: one receipt per version (none for the duplicate), to the chair and the delegate.
  const receipts = ofKind('input-received');
  expect(receipts.map((m) => m.subject).sort()).toEqual([
    'HLM 811 · Peacekeeping: input received (version 1)',
    'HLM 811 · Peacekeeping: input received (version 1)',
    'HLM 811 · Peacekeeping: input received (version 2)',
    'HLM 811 · Peacekeeping: input received (version 2)',
  ]);
  expect(recipients(receipts.filter((m) => m.subject.endsWith('(version 2)')))).toEqual(
    [CHAIR, DELEGATE].sort(),
  );
  const v2 = receipts.find((m) => m.subject.endsWith('(version 2)') && m.to.includes(DELEGATE))!;
  expect(flat(v2)).toContain('Version two: the group adds a paper on standby arrangements.');
  expect(flat(v2)).toContain('Standby arrangements');
  expect(flat(v2)).toContain('Submitted by: Kwame Asante <kwame.asante@au.example.org>');
  expect(flat(v2)).toMatch(/Received on: .* in New York/);
  expect(reasonOf(v2)).toBe(
    'you are a delegate of the Peacekeeping working group preparing HLM 811, and may submit its input',
  );
  const v1ToChair = receipts.find((m) => m.subject.endsWith('(version 1)') && m.to.includes(CHAIR))!;
  expect(reasonOf(v1ToChair)).toBe('you chair the Peacekeeping working group preparing HLM 811');
  expect(v1ToChair.text).toContain(`/groups/${workflowIds.workingGroup(input.editionKey, 'peacekeeping')}`);

  // Final agenda: organizers, every chair and delegate, every focal point; each once, in their role.
  const finals = ofKind('final-agenda');
  expect(recipients(finals)).toEqual([ORGANIZER, CHAIR, DELEGATE, OTHER_CHAIR, ...FOCAL_POINTS].sort());
  const finalTo = (email: string) => finals.find((m) => m.to.includes(email))!;
  expect(finalTo(ORGANIZER).subject).toBe('HLM 811 · final agenda');
  expect(flat(finalTo(ORGANIZER))).toContain('peacekeeping item 1 (Peacekeeping)');
  expect(finalTo(ORGANIZER).text).toContain(`/cycles/${workflowIds.cycle(input.editionKey)}`);
  expect(reasonOf(finalTo(ORGANIZER))).toBe('you organize HLM 811');
  expect(reasonOf(finalTo(OTHER_CHAIR))).toBe('you chair the Mediation working group preparing HLM 811');
  expect(reasonOf(finalTo(DELEGATE))).toMatch(/^you are a delegate of the Peacekeeping working group/);
  expect(reasonOf(finalTo('deputy@au.example.org'))).toBe('your organization takes part in HLM 811');
}, 150_000);
