/**
 * A thousand hostile submissions through the real server (fast-check): control characters, bidi
 * overrides, NUL, 10,000-character strings, HTML, Markdown markers, CR/LF and emoji. Each is refused
 * before history with the field named, or accepted; every accepted one is then rendered as the
 * activities render it: into mail (parsed back by mailparser), a calendar entry (node-ical) and the
 * agenda documents (Markdown and HTML). No workflow fails.
 */
import { translator } from '../../i18n/catalog';
import fc from 'fast-check';
import MailComposer from 'nodemailer/lib/mail-composer';
import { simpleParser } from 'mailparser';
import ical from 'node-ical';
import { md, toHtml, toMarkdown } from '../../documents/blocks';
import { documentBlocks, documentTitle, DocumentRequest } from '../../documents/meeting-documents';
import { messageMeeting } from '../../domain/cycle-messages';
import { workflowIds } from '../../domain/ids';
import { REAL_TIME } from '../../domain/time-mapping';
import type { InputContent } from '../../domain/working-group';
import { composeMail, SendMessageInput, toMailOptions } from '../../notifications';
import {
  groupStatusQuery,
  submitInputUpdate,
  WORKING_GROUP_INPUT_WORKFLOW,
  type WorkingGroupInputWorkflow,
} from '../../workflows/definitions/working-group-input';
import { compressedCycle, GROUPS, updateEventCount } from '../helpers/cycle';
import { rejectionOf } from '../helpers/rejections';
import { connectTestTemporal, type TestTemporal } from '../helpers/temporal';

let t: TestTemporal;
beforeAll(async () => {
  t = await connectTestTemporal();
});
afterAll(() => t.close());

const RUNS = 1_000;
const peacekeeping = GROUPS[2];

// ── what a hostile person types ───────────────────────────────────────────────────────────────────
const hostilePiece = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '\u0000',
    '\u0007',
    '\u001b[31m',
    '\u007f',
    '\u0085',
    '\u202e',
    '\u2066',
    '\u2028',
    '\r\n',
    '\r',
    '\n',
    '\t',
    '<script>alert(1)</script>',
    '<b>bold</b> & "quotes"',
    '# heading',
    '- list',
    '1. item',
    '> quote',
    '---',
    '===',
    '~~~',
    '```js',
    '**strong** _em_ [link](javascript:x)',
    '|a|b|',
    'BEGIN:VEVENT',
    'END:VCALENDAR',
    'Subject: injected',
    '=?utf-8?q?x?=',
    '🇺🇳🕊️',
    '👩🏽‍⚖️',
    'Ω≈ç√',
  ),
);
const CONTROL_OR_BREAK = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;
/** Text a careful person might write that still looks like markup: HTML, Markdown, emoji, no controls. */
const trickyText = fc
  .array(hostilePiece, { minLength: 1, maxLength: 5 })
  .map((parts) => parts.join(' '))
  .filter((text) => !CONTROL_OR_BREAK.test(text) && text.trim().length > 0);
const hostileText = fc.oneof(
  { weight: 12, arbitrary: trickyText },
  { weight: 2, arbitrary: fc.array(hostilePiece, { maxLength: 6 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(10_000)) },
  { weight: 1, arbitrary: fc.string({ minLength: 9_990, maxLength: 10_010, unit: 'grapheme' }) },
);
const hostileInput: fc.Arbitrary<InputContent> = fc.record({
  summary: hostileText,
  agendaItems: fc.array(
    fc.record({
      title: hostileText,
      description: hostileText,
      area: hostileText,
      durationMinutes: fc.constantFrom(30, 45),
    }),
    { minLength: 1, maxLength: 2 },
  ),
  draftRecommendations: fc.array(fc.record({ text: hostileText }), { maxLength: 1 }),
  attachments: fc.constant([]),
});

test(`${RUNS} hostile submissions: each refused before history naming the field, or accepted and rendered into mail, ICS and documents; no workflow fails`, async () => {
  const input = compressedCycle(t.settings, 701);
  const group = input.workingGroups.find((g) => g.id === peacekeeping.id)!;
  const worker = await t.createWorker();
  let accepted = 0;
  let refused = 0;
  await worker.runUntil(async () => {
    const handle = await t.client.workflow.start<WorkingGroupInputWorkflow>(WORKING_GROUP_INPUT_WORKFLOW, {
      taskQueue: t.taskQueue,
      workflowId: workflowIds.workingGroup(input.editionKey, group.id),
      args: [
        {
          edition: { number: input.edition, title: input.title, key: input.editionKey },
          meeting: messageMeeting(input, { meeting: input.meeting, securityCouncil: input.securityCouncil }),
          meetingZone: input.meeting.timeZone,
          group,
          organizers: input.organizers,
          deadline: new Date(Date.now() + 3_600_000).toISOString(),
          lateUntil: new Date(Date.now() + 7_200_000).toISOString(),
          reminderOffsets: ['PT30M'],
          snapToBusinessDays: false,
          overdueGraceMs: 3_600_000,
          mapping: REAL_TIME,
          rehearsal: false,
          maxInputChars: 1_000_000,
        },
      ],
    });
    await fc.assert(
      fc.asyncProperty(hostileInput, async (content) => {
        const update = handle.executeUpdate(submitInputUpdate, {
          args: [{ as: group.chair.email, input: content }],
        });
        const failed = await update.then(
          () => false,
          () => true,
        );
        if (!failed) return void accepted++;
        const seen = await rejectionOf(update);
        expect(seen.code).toBe('invalid-payload');
        // The field and the rule: "input.agendaItems.0.title: must not contain control characters …"
        expect(seen.message).toMatch(/input\.[a-zA-Z]+(\.\d+(\.[a-zA-Z]+)?)?: /);
        refused++;
      }),
      { numRuns: RUNS },
    );
    const view = await handle.query(groupStatusQuery);
    expect(view.status).toBe('under-review');
    // A refusal writes nothing: an accepted Update adds its accepted and completed events, no more.
    expect(await updateEventCount(handle)).toBe(2 * view.submissions.length);
    expect((await handle.describe()).status.name).toBe('RUNNING');
    for (const submission of view.submissions) await renderEverywhere(input, submission.input);
    await handle.terminate('fuzzing done');
  });
  console.log(`fuzzing: ${accepted} accepted, ${refused} refused of ${RUNS}`);
  expect(accepted + refused).toBe(RUNS);
  expect(accepted).toBeGreaterThan(50);
  expect(refused).toBeGreaterThan(50);
}, 180_000);

type Cycle = ReturnType<typeof compressedCycle>;

/** What the activities do with an accepted input: the invitation with its agenda and the agenda documents. */
async function renderEverywhere(input: Cycle, content: InputContent): Promise<void> {
  const recipient = input.organizers[0]!;
  const request = SendMessageInput.parse({
    idempotencyKey: 'fuzz:invitation',
    message: {
      kind: 'invitation',
      data: {
        edition: { number: input.edition, title: input.title },
        contact: { name: recipient.name, email: recipient.email },
        meeting: messageMeeting(input, { meeting: input.meeting, securityCouncil: undefined }),
        agenda: content.agendaItems.map((i) => ({ title: i.title, group: 'Peacekeeping' })),
      },
    },
    recipients: [{ name: recipient.name, email: recipient.email, timeZone: recipient.timeZone }],
    meetingZone: input.meeting.timeZone,
    rehearsal: false,
    ics: { sequence: 0 },
  });
  const mail = composeMail(request, request.recipients[0]!, {
    messageId: '<fuzz@convene.local>',
    from: 'Convene <convene@un.example.org>',
    now: new Date(),
  });
  const raw = await new MailComposer(toMailOptions(mail)).compile().build();
  const parsed = await simpleParser(raw);
  expect(parsed.subject).toBe(mail.subject);
  expect(parsed.headerLines.some((h) => /^subject:\s*injected/i.test(h.line))).toBe(false);
  expect(mail.calendar).toBeDefined();
  const events = Object.values(ical.sync.parseICS(mail.calendar!.content)).filter(
    (c) => c?.type === 'VEVENT',
  );
  expect(events).toHaveLength(1);

  const doc = DocumentRequest.parse({
    kind: 'draft-agenda',
    cycleId: 'hlm-701',
    edition: { number: input.edition, title: input.title },
    meeting: input.meeting,
    items: content.agendaItems.map((i) => ({ ...i, proposedBy: 'Peacekeeping' })),
  });
  const t = translator('en');
  const blocks = documentBlocks(doc, (iso) => iso, t);
  const markdown = toMarkdown(blocks);
  const html = toHtml(documentTitle(doc, t), blocks, t);
  expect(html).not.toMatch(/<script/i);
  expect(markdown).toContain(md(content.agendaItems[0]!.title));
  // No line a person wrote starts a Markdown structure: every such marker is escaped.
  for (const item of content.agendaItems) {
    for (const text of [item.title, item.description, item.area]) {
      for (const line of md(text).split('\n')) expect(line).not.toMatch(/^[ \t]*([-+=~>#*_`|]|\d+[.)])/);
    }
  }
}
