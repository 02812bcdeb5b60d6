/**
 * The messages a decision sends, as data for the notification templates: which kind for which
 * action, and the words of the "why" a committee member or organizer reads. Pure, so the workflow
 * only decides when to send and the tests can read what would be sent.
 */
import type { DecisionAudience, DecisionEvent, EscalationWhy, MessageInput } from './messages';
import { editionNumber, type ActionReceipt } from './decision';
import type { DecisionAction } from './decision-requests';
import type { DecisionTracker, DueAction } from './decision-tracker';
import { addIsoDuration } from './duration';
import type { Participant } from './people';

const day = (iso: string) => iso.slice(0, 10);

export function messageForAction(tracker: DecisionTracker, action: DueAction, now: string): MessageInput {
  const common = commonData(tracker);
  switch (action.kind) {
    case 'progress-request':
      return {
        kind: 'decision-progress-request',
        data: {
          ...common,
          reportBy: new Date(addIsoDuration(Date.parse(now), tracker.policy.reportWindow)).toISOString(),
        },
      };
    case 'due-soon':
      return { kind: 'decision-due-soon', data: common };
    case 'escalation':
      return action.audience === 'lead' || action.audience === 'responsible'
        ? { kind: 'decision-overdue', data: { ...common, ...lastProgress(tracker) } }
        : {
            kind: 'decision-escalation',
            data: {
              ...common,
              reason: escalationReason(tracker, action.step),
              why: escalationWhy(tracker, action.step),
              ...lastProgress(tracker),
            },
          };
    case 'stall':
      return {
        kind: 'decision-escalation',
        data: { ...common, reason: stallReason(tracker), why: stallWhy(tracker), ...lastProgress(tracker) },
      };
    case 'verification-reminder':
    case 'verification-escalation':
      return updateMessage(tracker, chaseEvent(tracker, action.kind, action.count), audienceOf(action.kind));
  }
}

const audienceOf = (kind: 'verification-reminder' | 'verification-escalation'): DecisionAudience =>
  kind === 'verification-reminder' ? 'committee-member' : 'committee-chair';

function chaseEvent(
  tracker: DecisionTracker,
  kind: 'verification-reminder' | 'verification-escalation',
  count: number,
): DecisionEvent {
  const claim = claimFacts(tracker);
  return kind === 'verification-reminder'
    ? { kind: 'claim-reminder', claim, remindersSent: count }
    : { kind: 'claim-escalation', claim, remindersSent: count };
}

/** One mailing of an event: the message (with its reason line) and who gets it. */
export interface EventMailing {
  audience: DecisionAudience;
  message: MessageInput;
  recipients: Participant[];
}

/**
 * The mail an Update's change sends, read from the state it left: a new claim to the committee
 * members who may verify it (the chair with a reason of its own), a verdict, an extension or a
 * closure to the lead's and the responsible organizations' focal points, a reassignment to the old
 * lead and the new, and a receipt to whoever reported progress. A duplicate sends nothing.
 */
export function mailingsForAction(
  tracker: DecisionTracker,
  action: DecisionAction,
  receipt: ActionReceipt,
): EventMailing[] {
  if (receipt.duplicate) return [];
  const { state, roster } = tracker;
  const toOwners = (event: DecisionEvent) => [
    mailing(tracker, event, 'lead', roster.focalPoints([state.lead])),
    mailing(tracker, event, 'responsible', roster.focalPoints(state.responsible)),
  ];
  switch (action) {
    case 'claimImplemented': {
      const event: DecisionEvent = { kind: 'claim-awaiting', claim: claimFacts(tracker) };
      const verifiers = tracker.verifiers();
      return [
        mailing(
          tracker,
          event,
          'committee-member',
          verifiers.filter((m) => !isChair(tracker, m)),
        ),
        mailing(
          tracker,
          event,
          'committee-chair',
          verifiers.filter((m) => isChair(tracker, m)),
        ),
      ];
    }
    case 'verify':
    case 'rejectClaim': {
      const outcome = state.claims.find((c) => c.id === receipt.id)?.outcome;
      if (!outcome) return [];
      const kind = outcome.verdict === 'verified' ? 'verified' : 'claim-rejected';
      return toOwners({ kind, at: outcome.at, by: outcome.by, reasons: outcome.reasons });
    }
    case 'withdraw':
    case 'supersede': {
      const c = state.closure;
      if (!c) return [];
      return toOwners(
        c.status === 'superseded'
          ? { kind: 'superseded', at: c.at, by: c.by, reason: c.reasons, supersededBy: c.supersededBy ?? '' }
          : { kind: 'withdrawn', at: c.at, by: c.by, reason: c.reasons },
      );
    }
    case 'extendDueDate': {
      const e = state.extensions.at(-1);
      if (!e) return [];
      return toOwners({
        kind: 'due-date-extended',
        at: e.at,
        by: e.by,
        from: e.from,
        to: e.to,
        reason: e.reason,
      });
    }
    case 'reassignLead': {
      const change = state.leadChanges.at(-1);
      if (!change) return [];
      const event: DecisionEvent = {
        kind: 'lead-reassigned',
        at: change.at,
        by: change.by,
        from: roster.acronym(change.from),
        to: roster.acronym(change.to),
        reason: change.reason,
      };
      return [
        mailing(tracker, event, 'former-lead', roster.focalPoints([change.from])),
        mailing(tracker, event, 'lead', roster.focalPoints([change.to])),
      ];
    }
    case 'reportProgress': {
      const report = state.reports.find((r) => r.id === receipt.id);
      const reporter =
        report && roster.organization(report.organization)?.focalPoints.find((p) => p.email === report.by);
      if (!report || !reporter) return [];
      const event: DecisionEvent = {
        kind: 'progress-received',
        at: report.at,
        reportId: report.id,
        organization: roster.acronym(report.organization),
        percent: report.percent,
        narrative: report.narrative,
      };
      return [mailing(tracker, event, 'reporter', [reporter])];
    }
  }
}

/** To the lead of a decision `decision import` started: it is tracked now, and by whom. */
export function importedMailing(tracker: DecisionTracker, at: string): EventMailing {
  return mailing(tracker, { kind: 'imported', at }, 'lead', tracker.roster.focalPoints([tracker.state.lead]));
}

function mailing(
  tracker: DecisionTracker,
  event: DecisionEvent,
  audience: DecisionAudience,
  recipients: Participant[],
): EventMailing {
  return { audience, message: updateMessage(tracker, event, audience), recipients };
}

function updateMessage(
  tracker: DecisionTracker,
  event: DecisionEvent,
  audience: DecisionAudience,
): MessageInput {
  return { kind: 'decision-update', data: { ...commonData(tracker), event, audience } };
}

function isChair(tracker: DecisionTracker, person: Participant): boolean {
  return tracker.roster.data.committee.some((m) => m.email === person.email && m.chair);
}

function claimFacts(tracker: DecisionTracker) {
  const claim = tracker.pending ?? tracker.state.claims.at(-1)!;
  return { at: claim.at, by: claim.by, summary: claim.summary, evidence: claim.evidence };
}

function commonData(tracker: DecisionTracker) {
  const { spec, lead, responsible, dueDate } = tracker.state;
  const contact = tracker.roster.data.organizers[0]!;
  return {
    edition: { number: editionNumber(spec.edition), title: spec.meetingTitle },
    contact: { name: contact.name, email: contact.email },
    decision: {
      ref: spec.ref,
      title: tracker.title,
      lead: tracker.roster.acronym(lead),
      responsible: responsible.map((id) => tracker.roster.acronym(id)),
      due: dueDate,
    },
  };
}

function lastProgress(tracker: DecisionTracker): { lastProgress?: { at: string; summary: string } } {
  const last = tracker.lastReport();
  return last ? { lastProgress: { at: last.at, summary: last.summary } } : {};
}

/**
 * What the ladder has done so far, so the reader knows who has already been asked: as data, which
 * the mail writes in the reader's language, and (below) as the English sentence for the record.
 */
export function escalationWhy(tracker: DecisionTracker, step: number): EscalationWhy {
  const { dueDate, timers, lead } = tracker.state;
  return {
    kind: 'overdue',
    due: day(dueDate),
    lead: tracker.roster.acronym(lead),
    told: tracker.policy.escalation
      .slice(0, step)
      .map((s, i) => ({ audience: s.notify, on: day(timers.ladder.sentAt[i] ?? dueDate) })),
    step: step + 1,
    steps: tracker.policy.escalation.length,
  };
}

export function stallWhy(tracker: DecisionTracker): EscalationWhy {
  const { timers } = tracker.state;
  return { kind: 'stalled', since: day(timers.lastActivityAt), stallAfter: tracker.policy.stallAfter };
}

export function escalationReason(tracker: DecisionTracker, step: number): string {
  const why = escalationWhy(tracker, step);
  if (why.kind !== 'overdue') throw new Error('escalationWhy is always overdue');
  const earlier = why.told.map((x) => `${x.audience} told on ${x.on}`);
  return (
    `Decision ${tracker.state.spec.ref} was due on ${why.due} and ${why.lead}, its lead, has not reported it implemented` +
    (earlier.length ? ` (${earlier.join('; ')})` : '') +
    `. This is step ${why.step} of ${why.steps} of the escalation ladder.`
  );
}

export function stallReason(tracker: DecisionTracker): string {
  const { spec, timers } = tracker.state;
  return (
    `No progress has been reported on decision ${spec.ref} since ${day(timers.lastActivityAt)} ` +
    `(the stall period is ${tracker.policy.stallAfter}); it is now marked stalled. ` +
    `The committee may wish to ask the lead, extend the due date or take it up at the next meeting.`
  );
}
