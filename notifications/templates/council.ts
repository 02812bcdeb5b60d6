/**
 * Messages about a Security Council meeting with regional organizations: the invitation to brief
 * (under rule 39), reminders to briefers who have not answered, the organizers' notice of those who
 * never did, a move of the session, a decline noted, and the outcome with its requests.
 */
import { action, facts, list, paragraph, quote, type Fact } from '../body';
import type { MessageData } from '../messages';
import { saidOr } from '../../clients/sentences';
import type { Template, TemplateContext } from './context';
import { meetingFacts } from './meeting';

type CouncilData = MessageData<'council-reminder'>;

/** "SC 2005": the short name subjects start with, as "HLM 7" does for the high-level meetings. */
const tag = (d: Pick<CouncilData, 'edition'>, t: TemplateContext['t']) =>
  t('council.tag', { year: d.edition.number });

const about = (d: Pick<CouncilData, 'edition' | 'meeting' | 'organization'>, t: TemplateContext['t']) => ({
  sc: tag(d, t),
  title: d.meeting.title,
  organization: d.organization,
});

function sessionFacts(d: Pick<CouncilData, 'meeting' | 'session'>, ctx: TemplateContext): Fact[] {
  const { t } = ctx;
  return [
    ...meetingFacts(d.meeting, ctx),
    [t('council.label.presidency'), d.session.presidency],
    [
      t('council.label.actingFor'),
      t('mail.person', { name: d.session.actingFor.name, email: d.session.actingFor.email }),
    ],
  ];
}

const briefer = (d: { edition: { number: number } }, t: TemplateContext['t']) =>
  t('council.reason.briefer', { year: d.edition.number });
const organizer = (d: { edition: { number: number } }, t: TemplateContext['t']) =>
  t('council.reason.organizer', { year: d.edition.number });

/** How to answer: on the briefer's page when the mail links to it, else through the organizers. */
function answerHere(d: { detailsUrl?: string | undefined }, t: TemplateContext['t']) {
  if (!d.detailsUrl) return [paragraph(t('council.invitation.answer'))];
  return [
    paragraph(t('council.invitation.answerOnline')),
    action(t('action.answerInvitation'), d.detailsUrl),
  ];
}

export const councilInvitation: Template<MessageData<'council-invitation'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.invitation.subject', about(d, t)),
    reason: briefer(d, t),
    body: [
      paragraph(t('council.invitation.intro', { ...about(d, t), role: d.role })),
      paragraph(t('council.invitation.basis')),
      facts(
        ...sessionFacts(d, ctx),
        [
          t('council.label.conceptNote'),
          t('council.value.conceptNote', { title: d.conceptNote.title, version: d.conceptNote.version }),
        ],
        [t('label.replyBy'), time(d.replyBy)],
      ),
      ...answerHere(d, t),
      paragraph(t('meeting.invitation.calendar')),
    ],
  };
};

export const councilReminder: Template<MessageData<'council-reminder'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.reminder.subject', about(d, t)),
    reason: briefer(d, t),
    body: [
      paragraph(t('council.reminder.body', about(d, t))),
      facts([t('label.replyBy'), time(d.replyBy)], ...sessionFacts(d, ctx)),
      ...answerHere(d, t),
    ],
  };
};

export const councilUnanswered: Template<MessageData<'council-unanswered'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.unanswered.subject', { sc: tag(d, t), count: d.unanswered.length }),
    reason: organizer(d, t),
    body: [
      paragraph(t('council.unanswered.body', { title: d.meeting.title, replyBy: time(d.replyBy) })),
      list(
        t('council.label.unanswered'),
        d.unanswered.map((u) =>
          t('council.value.briefer', {
            organization: u.organization,
            name: u.briefer.name,
            email: u.briefer.email,
          }),
        ),
      ),
      facts(...sessionFacts(d, ctx)),
    ],
  };
};

export const councilSessionMoved: Template<MessageData<'council-session-moved'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.moved.subject', { sc: tag(d, t), title: d.meeting.title }),
    reason: briefer(d, t),
    body: [
      paragraph(t('council.moved.body', { title: d.meeting.title })),
      facts(...sessionFacts(d, ctx), [t('label.previously'), time(d.previous.start)]),
      quote(t('label.why'), d.reason),
    ],
  };
};

export const councilDeclineNoted: Template<MessageData<'council-decline-noted'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.declined.subject', about(d, t)),
    reason: briefer(d, t),
    body: [
      paragraph(t('council.declined.body', about(d, t))),
      facts([t('label.wasToStart'), time(d.meeting.start)], [t('label.venue'), d.meeting.venue]),
    ],
  };
};

export const councilCycleMoved: Template<MessageData<'council-cycle-moved'>> = (d, ctx) => {
  const { t, time, recipient } = ctx;
  return {
    subject: t('council.cycleMoved.subject', { sc: tag(d, t), hlm: d.hlm.title }),
    reason: organizer(d, t),
    body: [
      paragraph(t('council.cycleMoved.body', { hlm: d.hlm.title, title: d.meeting.title })),
      quote(t('label.found'), saidOr(d.explanationSaid, d.explanation, ctx.translator)),
      facts(
        [t('council.label.hlmStart'), time(d.hlm.start)],
        [t('label.previously'), time(d.hlm.previousStart)],
        ...sessionFacts(d, ctx),
      ),
      paragraph(t('council.cycleMoved.what', { command: `${d.moveCommand} --as ${recipient.email}` })),
    ],
  };
};

export const councilOutcome: Template<MessageData<'council-outcome'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('council.outcome.subject', { sc: tag(d, t), symbol: d.outcome.symbol }),
    reason: briefer(d, t),
    body: [
      paragraph(
        t('council.outcome.intro', {
          title: d.meeting.title,
          symbol: d.outcome.symbol,
          // ICU select keys cannot hold a dash.
          kind: d.outcome.kind === 'presidential-statement' ? 'statement' : d.outcome.kind,
        }),
      ),
      list(
        t('council.label.requests'),
        d.requests.map((r) =>
          t('council.value.request', {
            ref: r.ref,
            source: r.source,
            title: r.title,
            lead: r.lead,
            due: time(r.due),
          }),
        ),
      ),
      d.requests.length ? paragraph(t('council.outcome.followUp')) : undefined,
    ],
  };
};
