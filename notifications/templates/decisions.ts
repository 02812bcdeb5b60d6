/** Messages about decisions, sent for years after the meeting that took them. */
import { action, facts, list, paragraph, quote, type Block, type Fact } from '../body';
import type { Edition } from '../fields';
import type { MessageKey } from '../../i18n/catalog';
import type {
  Decision,
  DecisionAudience,
  DecisionEvent,
  DigestEntry,
  EscalationWhy,
  MessageData,
} from '../messages';
import { hlm, type Template, type TemplateContext } from './context';
import { reasonFor } from './reason';

type Data = { edition: Edition; decision: Decision };

/** The values every decision message's sentences draw on. */
const about = (d: Data, t: TemplateContext['t']) => ({ hlm: hlm(d.edition, t), ref: d.decision.ref });

const responsibleFor = (d: Data, ctx: TemplateContext) =>
  reasonFor({ ...d, ref: d.decision.ref }, ctx, 'responsible');

function decisionFacts(decision: Decision, { t, time }: TemplateContext): Fact[] {
  return [
    [t('label.decision'), t('value.decision', { ref: decision.ref, title: decision.title })],
    [t('label.lead'), decision.lead],
    ...(decision.responsible.length
      ? [[t('label.responsible'), decision.responsible.join(', ')] as const]
      : []),
    [t('label.due'), time(decision.due)],
  ];
}

function lastProgress(
  d: { lastProgress?: { at: string; summary: string } },
  { t, time }: TemplateContext,
): Block | undefined {
  return d.lastProgress
    ? quote(t('decisions.lastProgress', { time: time(d.lastProgress.at) }), d.lastProgress.summary)
    : paragraph(t('decisions.noProgress'));
}

export const decisionProgressRequest: Template<MessageData<'decision-progress-request'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('decisions.progressRequest.subject', about(d, t)),
    reason: responsibleFor(d, ctx),
    body: [
      paragraph(t('decisions.progressRequest.body', about(d, t))),
      facts(...decisionFacts(d.decision, ctx), [t('label.reportBy'), time(d.reportBy)]),
      action(t('action.reportProgress'), d.reportUrl),
    ],
  };
};

export const decisionDueSoon: Template<MessageData<'decision-due-soon'>> = (d, ctx) => {
  const { t } = ctx;
  return {
    subject: t('decisions.dueSoon.subject', about(d, t)),
    reason: responsibleFor(d, ctx),
    body: [
      paragraph(t('decisions.dueSoon.body', about(d, t))),
      facts(...decisionFacts(d.decision, ctx)),
      action(t('action.reportProgress'), d.reportUrl),
    ],
  };
};

export const decisionOverdue: Template<MessageData<'decision-overdue'>> = (d, ctx) => {
  const { t } = ctx;
  return {
    subject: t('decisions.overdue.subject', about(d, t)),
    reason: responsibleFor(d, ctx),
    body: [
      paragraph(t('decisions.overdue.body', about(d, t))),
      facts(...decisionFacts(d.decision, ctx)),
      lastProgress(d, ctx),
    ],
  };
};

export const decisionEscalation: Template<MessageData<'decision-escalation'>> = (d, ctx) => {
  const { t } = ctx;
  return {
    subject: t('decisions.escalation.subject', about(d, t)),
    reason: reasonFor(d, ctx, 'committee'),
    body: [
      paragraph(t('decisions.escalation.body', about(d, t))),
      quote(t('label.why'), d.why ? whyInWords(d.why, d.decision.ref, ctx) : d.reason),
      facts(...decisionFacts(d.decision, ctx)),
      lastProgress(d, ctx),
    ],
  };
};

function whyInWords(why: EscalationWhy, ref: string, { t, translator }: TemplateContext): string {
  switch (why.kind) {
    case 'overdue': {
      const told = why.told
        .map((x) =>
          t('decisions.why.told', {
            audience: translator.lookup(`audience.${x.audience}`) ?? x.audience,
            on: x.on,
          }),
        )
        .join('; ');
      return t('decisions.why.overdue', { ...why, ref, told: told || 'none' });
    }
    case 'stalled':
      return t('decisions.why.stalled', { ref, since: why.since, stallAfter: why.stallAfter });
  }
}

/** A status as the catalog names it ("en cours"); a status it does not know reads as stored. */
function statusName(status: string, ctx: TemplateContext): string {
  return ctx.translator.lookup(`status.${status}`) ?? status;
}

/** Decisions grouped by status, in the order the statuses first appear. */
function byStatus(entries: DigestEntry[], ctx: TemplateContext): Array<Block | undefined> {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const lines = groups.get(e.status) ?? [];
    const entry = ctx.t('decisions.digest.entry', {
      ref: e.ref,
      title: e.title,
      lead: e.lead,
      due: ctx.time(e.due),
    });
    lines.push(e.source ? ctx.t('council.digest.entry', { entry, source: e.source }) : entry);
    groups.set(e.status, lines);
  }
  return [...groups].map(([status, lines]) => list(statusName(status, ctx), lines));
}

export const committeeDigest: Template<MessageData<'committee-digest'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('decisions.digest.subject', { hlm: hlm(d.edition, t) }),
    reason: reasonFor(d, ctx, 'committee'),
    body: [
      paragraph(t('decisions.digest.intro')),
      facts([t('label.periodFrom'), time(d.period.from)], [t('label.periodTo'), time(d.period.to)]),
      ...(d.decisions.length ? byStatus(d.decisions, ctx) : [paragraph(t('decisions.digest.none'))]),
      list(
        t('label.ideas'),
        d.ideas.map((i) => t('decisions.digest.idea', { title: i.title, by: i.proposedBy })),
      ),
      ...(d.reviewMeeting ? reviewFacts(d.reviewMeeting, ctx) : []),
      action(t('action.verifyClaims'), d.verifyUrl),
    ],
  };
};

/** When the members meet to review, and who bears unsocial hours for it (the burden rotates). */
function reviewFacts(
  review: { start: string; end: string; inconvenienced: string[] },
  { t, time }: TemplateContext,
): Array<Block | undefined> {
  return [
    facts([t('label.reviewMeeting'), t('value.fromTo', { from: time(review.start), to: time(review.end) })]),
    review.inconvenienced.length
      ? list(t('label.outsideWorkingHours'), review.inconvenienced)
      : paragraph(t('decisions.review.withinHours')),
  ];
}

export const committeeReviewInvitation: Template<MessageData<'committee-review-invitation'>> = (d, ctx) => {
  const { t, time } = ctx;
  const moved = d.previous;
  return {
    subject: t(moved ? 'decisions.review.movedSubject' : 'decisions.review.subject', {
      hlm: hlm(d.edition, t),
    }),
    reason: reasonFor(d, ctx, 'committee'),
    body: [
      paragraph(t(moved ? 'decisions.review.moved' : 'decisions.review.intro')),
      ...reviewFacts({ ...d.meeting, inconvenienced: d.review.inconvenienced }, ctx),
      moved
        ? facts([t('label.previously'), t('value.fromTo', { from: time(moved.start), to: time(moved.end) })])
        : undefined,
      facts([t('label.venue'), d.meeting.venue]),
      paragraph(t('decisions.review.calendar')),
    ],
  };
};

export const committeeReviewCancelled: Template<MessageData<'committee-review-cancelled'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('decisions.review.cancelledSubject', { hlm: hlm(d.edition, t) }),
    reason: reasonFor(d, ctx, 'committee'),
    body: [
      paragraph(t('decisions.review.cancelled')),
      facts([
        t('label.reviewMeeting'),
        t('value.fromTo', { from: time(d.meeting.start), to: time(d.meeting.end) }),
      ]),
    ],
  };
};

// ── Events of a decision: what happened, to the people it concerns ──────────────────────────────────

type UpdateData = MessageData<'decision-update'>;

/** Each event's subject and opening sentence in the catalogs. */
const EVENT_KEYS = {
  'claim-awaiting': ['decisions.event.claimAwaiting.subject', 'decisions.event.claimAwaiting.body'],
  'claim-reminder': ['decisions.event.claimReminder.subject', 'decisions.event.claimReminder.body'],
  'claim-escalation': ['decisions.event.claimEscalation.subject', 'decisions.event.claimEscalation.body'],
  'claim-rejected': ['decisions.event.claimRejected.subject', 'decisions.event.claimRejected.body'],
  verified: ['decisions.event.verified.subject', 'decisions.event.verified.body'],
  withdrawn: ['decisions.event.withdrawn.subject', 'decisions.event.withdrawn.body'],
  superseded: ['decisions.event.superseded.subject', 'decisions.event.superseded.body'],
  'due-date-extended': ['decisions.event.dueDateExtended.subject', 'decisions.event.dueDateExtended.body'],
  'lead-reassigned': ['decisions.event.leadReassigned.subject', 'decisions.event.leadReassigned.body'],
  'progress-received': ['decisions.event.progressReceived.subject', 'decisions.event.progressReceived.body'],
  imported: ['decisions.event.imported.subject', 'decisions.event.imported.body'],
} as const satisfies Record<DecisionEvent['kind'], readonly [MessageKey, MessageKey]>;

/** Why this reader gets it: their part in the decision, each with its own line. */
const REASON_KEYS = {
  lead: 'reason.decisionLead',
  responsible: 'reason.decisionResponsible',
  'former-lead': 'reason.decisionFormerLead',
  'committee-member': 'reason.committeeMember',
  'committee-chair': 'reason.committeeChair',
  reporter: 'reason.reporter',
} as const satisfies Record<DecisionAudience, MessageKey>;

export const decisionUpdate: Template<UpdateData> = (d, ctx) => {
  const { t } = ctx;
  const [subject, opening] = EVENT_KEYS[d.event.kind];
  const values = { ...about(d, t), ...eventValues(d.event, ctx) };
  return {
    subject: t(subject, values),
    reason: t(REASON_KEYS[d.audience], { ref: d.decision.ref, number: d.edition.number }),
    body: [
      paragraph(t(opening, values)),
      facts(...eventFacts(d.event, ctx), ...decisionFacts(d.decision, ctx)),
      ...eventDetails(d.event, ctx),
      action(t('decisions.event.action.open'), d.decisionUrl),
    ],
  };
};

/** The values an event's sentences name (times already in both zones). */
function eventValues(event: DecisionEvent, { time }: TemplateContext): Record<string, string | number> {
  switch (event.kind) {
    case 'claim-awaiting':
      return { claimedOn: time(event.claim.at) };
    case 'claim-reminder':
    case 'claim-escalation':
      return { claimedOn: time(event.claim.at), count: event.remindersSent };
    case 'superseded':
      return { supersededBy: event.supersededBy };
    case 'due-date-extended':
      return { to: time(event.to) };
    case 'lead-reassigned':
      return { from: event.from, to: event.to };
    case 'progress-received':
      return { percent: event.percent };
    case 'claim-rejected':
    case 'verified':
    case 'withdrawn':
    case 'imported':
      return {};
  }
}

function eventFacts(event: DecisionEvent, { t, time }: TemplateContext): Fact[] {
  const decided = (e: { at: string; by: string }): Fact[] => [
    [t('decisions.event.label.decidedBy'), e.by],
    [t('decisions.event.label.decidedOn'), time(e.at)],
  ];
  switch (event.kind) {
    case 'claim-awaiting':
    case 'claim-reminder':
    case 'claim-escalation':
      return [
        [t('decisions.event.label.claimedBy'), event.claim.by],
        [t('decisions.event.label.claimedOn'), time(event.claim.at)],
        ...(event.kind === 'claim-awaiting'
          ? []
          : [[t('label.remindersSent'), t('value.remindersSent', { count: event.remindersSent })] as const]),
      ];
    case 'claim-rejected':
    case 'verified':
    case 'withdrawn':
      return decided(event);
    case 'superseded':
      return [...decided(event), [t('decisions.event.label.supersededBy'), event.supersededBy]];
    case 'due-date-extended':
      return [...decided(event), [t('decisions.event.label.previousDueDate'), time(event.from)]];
    case 'lead-reassigned':
      return [...decided(event), [t('decisions.event.label.previousLead'), event.from]];
    case 'progress-received':
      return [
        [t('decisions.event.label.receivedOn'), time(event.at)],
        [t('decisions.event.label.reportFor'), event.organization],
        [t('decisions.event.label.reportId'), event.reportId],
        [t('decisions.event.label.progress'), t('decisions.event.percent', { percent: event.percent })],
      ];
    case 'imported':
      return [[t('decisions.event.label.trackedSince'), time(event.at)]];
  }
}

/** What people wrote, quoted as written. */
function eventDetails(event: DecisionEvent, { t }: TemplateContext): Array<Block | undefined> {
  switch (event.kind) {
    case 'claim-awaiting':
    case 'claim-reminder':
    case 'claim-escalation':
      return [
        quote(t('decisions.event.label.claim'), event.claim.summary),
        list(t('decisions.event.label.evidence'), event.claim.evidence),
      ];
    case 'claim-rejected':
    case 'verified':
      return [quote(t('decisions.event.label.reasons'), event.reasons)];
    case 'withdrawn':
    case 'superseded':
    case 'due-date-extended':
    case 'lead-reassigned':
      return [quote(t('label.reason'), event.reason)];
    case 'progress-received':
      return [quote(t('decisions.event.label.narrative'), event.narrative)];
    case 'imported':
      return [];
  }
}
