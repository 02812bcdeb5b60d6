/** Messages about the meeting itself: agenda, invitation, changes, outcome. */
import { action, facts, list, paragraph, quote, type Fact } from '../body';
import type { AgendaItem, Meeting, MessageData } from '../messages';
import { saidOr } from '../../clients/sentences';
import { hlm, type Template, type TemplateContext } from './context';
import { reasonFor } from './reason';

/** Meeting messages go to everyone: organizers, focal points, chairs and delegates, each in their role. */
const participant = (d: { edition: { number: number } }, ctx: TemplateContext) =>
  reasonFor(d, ctx, 'focal-point');

export function meetingFacts(meeting: Meeting, { t, time }: TemplateContext): Fact[] {
  const council = meeting.councilMeeting;
  return [
    [t('label.starts'), time(meeting.start)],
    [t('label.ends'), time(meeting.end)],
    [t('label.venue'), meeting.venue],
    ...(council
      ? [
          [
            t('label.coincidesWith'),
            t('value.titleAtTime', { title: council.title, time: time(council.start) }),
          ] as const,
        ]
      : []),
  ];
}

const agendaLines = (items: AgendaItem[], t: TemplateContext['t']) =>
  items.map((item) => t('value.agendaItem', { title: item.title, group: item.group ?? 'none' }));

/** The values the meeting's sentences draw on. */
const about = (
  d: { edition: MessageData<'invitation'>['edition']; meeting: Meeting },
  t: TemplateContext['t'],
) => ({
  hlm: hlm(d.edition, t),
  title: d.meeting.title,
});

export const draftAgenda: Template<MessageData<'draft-agenda'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.draftAgenda.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(t('meeting.draftAgenda.intro', about(d, t))),
      facts([t('label.commentsDue'), time(d.commentDeadline)], ...meetingFacts(d.meeting, ctx)),
      list(t('label.draftAgenda'), agendaLines(d.items, t), true),
      action(t('action.comment'), d.commentUrl),
    ],
  };
};

export const finalAgenda: Template<MessageData<'final-agenda'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.finalAgenda.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(t('meeting.finalAgenda.intro', about(d, t))),
      facts([t('label.approvedOn'), time(d.approvedAt)], ...meetingFacts(d.meeting, ctx)),
      list(t('label.finalAgenda'), agendaLines(d.items, t), true),
      action(t('action.finalAgenda'), d.agendaUrl),
      paragraph(t('meeting.finalAgenda.next', about(d, t))),
    ],
  };
};

export const invitation: Template<MessageData<'invitation'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.invitation.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(t('meeting.invitation.intro', about(d, t))),
      facts(...meetingFacts(d.meeting, ctx), d.replyBy ? [t('label.replyBy'), time(d.replyBy)] : undefined),
      list(t('label.agenda'), agendaLines(d.agenda, t), true),
      action(t('action.details'), d.detailsUrl),
      paragraph(t('meeting.invitation.calendar')),
    ],
  };
};

export const rescheduleNotice: Template<MessageData<'reschedule-notice'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.reschedule.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(t('meeting.reschedule.body', about(d, t))),
      facts(...meetingFacts(d.meeting, ctx), [
        t('label.previously'),
        t('value.timeAtVenue', { time: time(d.previous.start), venue: d.previous.venue }),
      ]),
      d.followsCouncil
        ? paragraph(
            t('meeting.councilFollowed.body', {
              council: d.followsCouncil.title,
              time: time(d.followsCouncil.start),
            }),
          )
        : undefined,
      quote(t('label.why'), d.reason),
    ],
  };
};

export const councilMoveProposal: Template<MessageData<'council-move-proposal'>> = (d, ctx) => {
  const { t, time, recipient } = ctx;
  return {
    subject: t('meeting.councilProposal.subject', about(d, t)),
    reason: reasonFor(d, ctx, 'organizer'),
    body: [
      paragraph(t('meeting.councilProposal.body', about(d, t))),
      quote(t('label.found'), saidOr(d.explanationSaid, d.explanation, ctx.translator)),
      facts(
        [t('meeting.councilProposal.proposedStart'), time(d.proposed.start)],
        [t('meeting.councilProposal.proposedEnd'), time(d.proposed.end)],
      ),
      quote(
        t('meeting.councilProposal.coincidence'),
        saidOr(d.proposed.coincidenceSaid, d.proposed.coincidence, ctx.translator),
      ),
      list(
        t('meeting.councilProposal.timeline'),
        d.timeline.map((m) => t('meeting.councilProposal.milestone', { name: m.name, time: time(m.at) })),
      ),
      paragraph(t('meeting.councilProposal.apply', { command: `${d.applyCommand} --as ${recipient.email}` })),
      action(t('meeting.councilProposal.action'), d.applyUrl),
      facts(...meetingFacts(d.meeting, ctx)),
    ],
  };
};

export const coincidenceLost: Template<MessageData<'coincidence-lost'>> = (d, ctx) => {
  const { t } = ctx;
  return {
    subject: t('meeting.coincidenceLost.subject', about(d, t)),
    reason: reasonFor(d, ctx, 'organizer'),
    body: [
      paragraph(t('meeting.coincidenceLost.body', about(d, t))),
      quote(t('label.found'), saidOr(d.explanationSaid, d.explanation, ctx.translator)),
      facts(...meetingFacts(d.meeting, ctx)),
    ],
  };
};

export const cancellation: Template<MessageData<'cancellation'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.cancellation.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(t('meeting.cancellation.body', about(d, t))),
      facts([t('label.wasToStart'), time(d.meeting.start)], [t('label.venue'), d.meeting.venue]),
      quote(t('label.why'), d.reason),
    ],
  };
};

export const outcomeReport: Template<MessageData<'outcome-report'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('meeting.outcome.subject', about(d, t)),
    reason: participant(d, ctx),
    body: [
      paragraph(
        t('meeting.outcome.intro', { ...about(d, t), time: time(d.meeting.start), venue: d.meeting.venue }),
      ),
      quote(t('label.summary'), d.summary),
      list(
        t('label.decisionsToImplement'),
        d.decisions.map((x) =>
          t('meeting.outcome.decision', { ref: x.ref, title: x.title, lead: x.lead, due: time(x.due) }),
        ),
      ),
      action(t('action.fullReport'), d.reportUrl),
      paragraph(t('meeting.outcome.followUp')),
    ],
  };
};
