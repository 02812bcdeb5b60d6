/** Messages about a working group's input: the call, reminders, review and extensions. */
import { action, facts, paragraph, quote } from '../body';
import type { MessageData } from '../messages';
import { hlm, type Template } from './context';

const chairOf = (d: { group: string; edition: { number: number } }) =>
  `you chair the ${d.group} working group preparing HLM ${d.edition.number}`;

export const callForInputs: Template<MessageData<'call-for-inputs'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: call for inputs`,
  reason: chairOf(d),
  body: [
    paragraph(
      `The organizers of the ${d.edition.title} invite the ${d.group} working group to submit its input: agenda items, background papers and draft recommendations.`,
    ),
    facts(
      ['Input due', time(d.deadline)],
      ['Meeting', `${d.meeting.title}, ${d.meeting.venue}`],
      ['Meeting starts', time(d.meeting.start)],
    ),
    quote('Instructions from the organizers', d.instructions),
    action('Submit the input', d.submitUrl),
    paragraph('If the group needs more time, ask for an extension before the deadline.'),
  ],
});

export const inputReminder: Template<MessageData<'input-reminder'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: reminder, input due soon`,
  reason: chairOf(d),
  body: [
    paragraph(
      `A reminder: the input of the ${d.group} working group is due soon and has not been submitted yet.`,
    ),
    facts(['Input due', time(d.deadline)]),
    action('Submit the input', d.submitUrl),
  ],
});

export const inputOverdue: Template<MessageData<'input-overdue'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: input overdue`,
  reason: chairOf(d),
  body: [
    paragraph(
      `The deadline for the input of the ${d.group} working group has passed and the input has not arrived. Please submit it as soon as you can, or ask the organizers for an extension.`,
    ),
    facts(['Input was due', time(d.deadline)]),
    action('Submit the input', d.submitUrl),
  ],
});

export const inputEscalation: Template<MessageData<'input-escalation'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: overdue input needs your attention`,
  reason: `you organize HLM ${d.edition.number} and the ${d.group} working group has not submitted its input`,
  body: [
    paragraph(
      `The ${d.group} working group has not submitted its input, and reminders to its chair have gone unanswered. You may want to contact the chair directly, grant an extension, or go ahead without the group's input.`,
    ),
    facts(
      ['Input was due', time(d.deadline)],
      ['Chair', `${d.chair.name} <${d.chair.email}>`],
      ['Reminders sent', String(d.remindersSent)],
    ),
  ],
});

export const revisionRequested: Template<MessageData<'revision-requested'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: revision requested`,
  reason: chairOf(d),
  body: [
    paragraph(
      `${d.reviewer} has reviewed the input of the ${d.group} working group and asks for a revision.`,
    ),
    quote('Comments', d.comments),
    facts(['Revised input due', time(d.deadline)]),
    action('Submit the revised input', d.submitUrl),
  ],
});

export const inputAccepted: Template<MessageData<'input-accepted'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: input accepted`,
  reason: chairOf(d),
  body: [
    paragraph(
      `The input of the ${d.group} working group has been accepted. The organizers will draw on it for the draft agenda, which will be sent to you for comment. Thank you.`,
    ),
    facts(['Accepted by', d.acceptedBy], ['Accepted on', time(d.acceptedAt)]),
  ],
});

export const extensionGranted: Template<MessageData<'extension-granted'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: extension granted`,
  reason: chairOf(d),
  body: [
    paragraph(`The organizers have granted the ${d.group} working group more time for its input.`),
    facts(['New deadline', time(d.deadline)], ['Previous deadline', time(d.previousDeadline)]),
    quote('Note from the organizers', d.reason),
    action('Submit the input', d.submitUrl),
  ],
});

export const extensionDenied: Template<MessageData<'extension-denied'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · ${d.group}: extension not granted`,
  reason: chairOf(d),
  body: [
    paragraph(`The organizers could not grant the ${d.group} working group more time; the deadline stands.`),
    quote('Reason', d.reason),
    facts(['Input due', time(d.deadline)]),
    action('Submit the input', d.submitUrl),
  ],
});
