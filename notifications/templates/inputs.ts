/** Messages about a working group's input: the call, reminders, review and extensions. */
import { action, facts, list, paragraph, quote } from '../body';
import type { MessageData } from '../messages';
import { hlm, type Template, type TemplateContext } from './context';
import { reasonFor } from './reason';

type GroupData = { group: string; edition: { number: number; title: string } };

/** Group messages go to its chair and delegates (the call also to its members' focal points). */
const submitterReason = (d: GroupData, ctx: Pick<TemplateContext, 't' | 'recipient'>) =>
  reasonFor(d, ctx, 'chair');

/** The values every group message's sentences draw on. */
const about = (d: GroupData, t: TemplateContext['t']) => ({
  hlm: hlm(d.edition, t),
  group: d.group,
  edition: d.edition.title,
});

export const callForInputs: Template<MessageData<'call-for-inputs'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.callForInputs.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.callForInputs.intro', about(d, t))),
    facts(
      [t('label.inputDue'), time(d.deadline)],
      [t('label.meeting'), t('value.titleAtVenue', { title: d.meeting.title, venue: d.meeting.venue })],
      [t('label.meetingStarts'), time(d.meeting.start)],
    ),
    quote(t('label.instructions'), d.instructions),
    action(t('action.submitInput'), d.submitUrl),
    paragraph(t('inputs.callForInputs.extension')),
  ],
});

export const inputReminder: Template<MessageData<'input-reminder'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.reminder.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.reminder.body', about(d, t))),
    facts([t('label.inputDue'), time(d.deadline)]),
    action(t('action.submitInput'), d.submitUrl),
  ],
});

export const inputOverdue: Template<MessageData<'input-overdue'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.overdue.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.overdue.body', about(d, t))),
    facts([t('label.inputWasDue'), time(d.deadline)]),
    action(t('action.submitInput'), d.submitUrl),
  ],
});

export const inputEscalation: Template<MessageData<'input-escalation'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.escalation.subject', about(d, t)),
  reason: reasonFor(d, { t, recipient }, 'organizer', { organizer: 'reason.organizerMissingInput' }),
  body: [
    paragraph(t('inputs.escalation.body', about(d, t))),
    facts(
      [t('label.inputWasDue'), time(d.deadline)],
      [t('label.chair'), t('mail.person', { name: d.chair.name, email: d.chair.email })],
      [t('label.remindersSent'), t('value.remindersSent', { count: d.remindersSent })],
    ),
  ],
});

export const revisionRequested: Template<MessageData<'revision-requested'>> = (
  d,
  { t, time, recipient },
) => ({
  subject: t('inputs.revision.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.revision.body', { ...about(d, t), reviewer: d.reviewer })),
    quote(t('label.comments'), d.comments),
    facts([t('label.revisedInputDue'), time(d.deadline)]),
    action(t('action.submitRevision'), d.submitUrl),
  ],
});

export const inputAccepted: Template<MessageData<'input-accepted'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.accepted.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.accepted.body', about(d, t))),
    facts([t('label.acceptedBy'), d.acceptedBy], [t('label.acceptedOn'), time(d.acceptedAt)]),
  ],
});

export const extensionGranted: Template<MessageData<'extension-granted'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.extensionGranted.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.extensionGranted.body', about(d, t))),
    facts(
      [t('label.newDeadline'), time(d.deadline)],
      [t('label.previousDeadline'), time(d.previousDeadline)],
    ),
    quote(t('label.organizersNote'), d.reason),
    action(t('action.submitInput'), d.submitUrl),
  ],
});

export const extensionDenied: Template<MessageData<'extension-denied'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.extensionDenied.subject', about(d, t)),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.extensionDenied.body', about(d, t))),
    quote(t('label.reason'), d.reason),
    facts([t('label.inputDue'), time(d.deadline)]),
    action(t('action.submitInput'), d.submitUrl),
  ],
});

export const inputReceived: Template<MessageData<'input-received'>> = (d, { t, time, recipient }) => ({
  subject: t('inputs.received.subject', { ...about(d, t), version: d.version }),
  reason: submitterReason(d, { t, recipient }),
  body: [
    paragraph(t('inputs.received.body', { ...about(d, t), version: d.version })),
    facts(
      [t('label.version'), String(d.version)],
      [t('label.receivedOn'), time(d.receivedAt)],
      [t('label.submittedBy'), t('mail.person', { name: d.submittedBy.name, email: d.submittedBy.email })],
      [t('label.inputDue'), time(d.deadline)],
    ),
    d.late ? paragraph(t('inputs.received.late', about(d, t))) : undefined,
    quote(t('label.summary'), d.summary),
    list(t('label.proposedItems'), d.items, true),
    list(
      t('label.papers'),
      d.files.map((f) => (f.file ? t('value.paperWithFile', { title: f.title, file: f.file }) : f.title)),
    ),
    paragraph(t('inputs.received.next', about(d, t))),
    action(t('action.viewInput'), d.submitUrl),
  ],
});

export const extensionRequested: Template<MessageData<'extension-requested'>> = (
  d,
  { t, time, recipient },
) => ({
  subject: t('inputs.extensionRequested.subject', about(d, t)),
  reason: reasonFor(d, { t, recipient }, 'organizer', { organizer: 'reason.organizerExtension' }),
  body: [
    paragraph(
      t('inputs.extensionRequested.body', {
        ...about(d, t),
        name: d.requestedBy.name,
      }),
    ),
    facts(
      [t('label.requestedBy'), t('mail.person', { name: d.requestedBy.name, email: d.requestedBy.email })],
      [t('label.requestedOn'), time(d.requestedAt)],
      [t('label.newDeadlineWanted'), time(d.until)],
      [t('label.currentDeadline'), time(d.deadline)],
    ),
    quote(t('label.reason'), d.reason),
    paragraph(
      t('inputs.extensionRequested.decide', {
        grant: `${d.decideCommand} --grant --as ${recipient.email}`,
        deny: `${d.decideCommand} --deny --reason "…" --as ${recipient.email}`,
      }),
    ),
    action(t('action.decideExtension'), d.decideUrl),
  ],
});
