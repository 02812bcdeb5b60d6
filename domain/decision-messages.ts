/**
 * The messages a decision sends, as data for the notification templates: which kind for which
 * action, and the words of the "why" a committee member or organizer reads. Pure, so the workflow
 * only decides when to send and the tests can read what would be sent.
 */
import type { EscalationWhy, MessageInput } from './messages';
import { editionNumber } from './decision';
import type { DecisionTracker, DueAction } from './decision-tracker';
import { addIsoDuration } from './duration';

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
  }
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
