/** Messages about the meeting itself: agenda, invitation, changes, outcome. */
import { action, facts, list, paragraph, quote, type Fact } from '../body';
import type { AgendaItem, Meeting, MessageData } from '../messages';
import { hlm, type Template, type TemplateContext } from './context';

const participant = (d: { edition: { number: number } }) =>
  `your organization takes part in HLM ${d.edition.number}`;

function meetingFacts(meeting: Meeting, time: TemplateContext['time']): Fact[] {
  const council = meeting.councilMeeting;
  return [
    ['Starts', time(meeting.start)],
    ['Ends', time(meeting.end)],
    ['Venue', meeting.venue],
    ...(council ? [['Coincides with', `${council.title}, ${time(council.start)}`] as const] : []),
  ];
}

const agendaLines = (items: AgendaItem[]) =>
  items.map((item) => `${item.title}${item.group ? ` (${item.group})` : ''}`);

export const draftAgenda: Template<MessageData<'draft-agenda'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · draft agenda for comment`,
  reason: participant(d),
  body: [
    paragraph(`The draft agenda of the ${d.meeting.title} is ready for your comments.`),
    facts(['Comments due', time(d.commentDeadline)], ...meetingFacts(d.meeting, time)),
    list('Draft agenda', agendaLines(d.items), true),
    action('Comment on the draft agenda', d.commentUrl),
  ],
});

export const invitation: Template<MessageData<'invitation'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · invitation: ${d.meeting.title}`,
  reason: participant(d),
  body: [
    paragraph(`You are invited to the ${d.meeting.title}.`),
    facts(...meetingFacts(d.meeting, time), d.replyBy ? ['Please reply by', time(d.replyBy)] : undefined),
    list('Agenda', agendaLines(d.agenda), true),
    action('Meeting details', d.detailsUrl),
    paragraph(
      'The attached calendar entry adds the meeting to your calendar and will follow any change of date.',
    ),
  ],
});

export const rescheduleNotice: Template<MessageData<'reschedule-notice'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · rescheduled: ${d.meeting.title}`,
  reason: participant(d),
  body: [
    paragraph(
      `The ${d.meeting.title} has moved. The new date is below; the attached file updates your calendar.`,
    ),
    facts(...meetingFacts(d.meeting, time), ['Previously', `${time(d.previous.start)}, ${d.previous.venue}`]),
    quote('Why', d.reason),
  ],
});

export const coincidenceLost: Template<MessageData<'coincidence-lost'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · no longer coincides with the Security Council meeting`,
  reason: `you organize HLM ${d.edition.number}`,
  body: [
    paragraph(
      `The ${d.meeting.title} and the Security Council meeting it accompanies no longer coincide. Move one of them: reschedule the high-level meeting (convene cycle reschedule), or record the Council's new date when it is set (convene cycle council-moved).`,
    ),
    quote('What convene found', d.explanation),
    facts(...meetingFacts(d.meeting, time)),
  ],
});

export const cancellation: Template<MessageData<'cancellation'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · cancelled: ${d.meeting.title}`,
  reason: participant(d),
  body: [
    paragraph(`The ${d.meeting.title} is cancelled. The attached file removes it from your calendar.`),
    facts(['Was to start', time(d.meeting.start)], ['Venue', d.meeting.venue]),
    quote('Why', d.reason),
  ],
});

export const outcomeReport: Template<MessageData<'outcome-report'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · outcome and decisions`,
  reason: participant(d),
  body: [
    paragraph(
      `The ${d.meeting.title} met on ${time(d.meeting.start)} at ${d.meeting.venue}. Its outcome follows.`,
    ),
    quote('Summary', d.summary),
    list(
      'Decisions to implement',
      d.decisions.map((x) => `${x.ref}: ${x.title}. Lead: ${x.lead}. Due: ${time(x.due)}.`),
    ),
    action('Full report', d.reportUrl),
    paragraph(
      'Lead and responsible organizations will be asked for progress on each decision until it is implemented; what is not implemented returns to the next meeting.',
    ),
  ],
});
