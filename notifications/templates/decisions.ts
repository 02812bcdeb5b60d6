/** Messages about decisions, sent for years after the meeting that took them. */
import { action, facts, list, paragraph, quote, type Block, type Fact } from '../body';
import type { Edition } from '../fields';
import type { Decision, DigestEntry, MessageData } from '../messages';
import { hlm, type Template, type TemplateContext } from './context';

type Data = { edition: Edition; decision: Decision };

const subjectOf = (d: Data, what: string) => `${hlm(d.edition)} · decision ${d.decision.ref}: ${what}`;

const responsibleFor = (d: Data) =>
  `your organization leads or shares responsibility for decision ${d.decision.ref} of HLM ${d.edition.number}`;

const committee = 'you sit on the standing committee, which monitors the implementation of decisions';

function decisionFacts(decision: Decision, time: TemplateContext['time']): Fact[] {
  return [
    ['Decision', `${decision.ref}: ${decision.title}`],
    ['Lead', decision.lead],
    ...(decision.responsible.length ? [['Responsible', decision.responsible.join(', ')] as const] : []),
    ['Due', time(decision.due)],
  ];
}

function lastProgress(
  d: { lastProgress?: { at: string; summary: string } },
  time: TemplateContext['time'],
): Block | undefined {
  return d.lastProgress
    ? quote(`Last progress reported (${time(d.lastProgress.at)})`, d.lastProgress.summary)
    : paragraph('No progress has been reported on this decision.');
}

export const decisionProgressRequest: Template<MessageData<'decision-progress-request'>> = (d, { time }) => ({
  subject: subjectOf(d, 'progress report requested'),
  reason: responsibleFor(d),
  body: [
    paragraph(`Please report on the progress made in implementing decision ${d.decision.ref}.`),
    facts(...decisionFacts(d.decision, time), ['Report by', time(d.reportBy)]),
    action('Report progress', d.reportUrl),
  ],
});

export const decisionDueSoon: Template<MessageData<'decision-due-soon'>> = (d, { time }) => ({
  subject: subjectOf(d, 'due soon'),
  reason: responsibleFor(d),
  body: [
    paragraph(
      `Decision ${d.decision.ref} is due soon. If it is implemented, please report so; if it will not be ready, please say what is missing and when to expect it.`,
    ),
    facts(...decisionFacts(d.decision, time)),
    action('Report progress', d.reportUrl),
  ],
});

export const decisionOverdue: Template<MessageData<'decision-overdue'>> = (d, { time }) => ({
  subject: subjectOf(d, 'overdue'),
  reason: responsibleFor(d),
  body: [
    paragraph(`Decision ${d.decision.ref} has passed its due date without being reported as implemented.`),
    facts(...decisionFacts(d.decision, time)),
    lastProgress(d, time),
  ],
});

export const decisionEscalation: Template<MessageData<'decision-escalation'>> = (d, { time }) => ({
  subject: subjectOf(d, "needs the standing committee's attention"),
  reason: committee,
  body: [
    paragraph(`Decision ${d.decision.ref} needs the committee's attention.`),
    quote('Why', d.reason),
    facts(...decisionFacts(d.decision, time)),
    lastProgress(d, time),
  ],
});

/** Decisions grouped by status, in the order the statuses first appear. */
function byStatus(entries: DigestEntry[], time: TemplateContext['time']): Array<Block | undefined> {
  const groups = new Map<string, string[]>();
  for (const e of entries) {
    const lines = groups.get(e.status) ?? [];
    lines.push(`${e.ref}: ${e.title} (lead: ${e.lead}; due ${time(e.due)})`);
    groups.set(e.status, lines);
  }
  return [...groups].map(([status, lines]) => list(status, lines));
}

export const committeeDigest: Template<MessageData<'committee-digest'>> = (d, { time }) => ({
  subject: `${hlm(d.edition)} · standing committee digest`,
  reason: committee,
  body: [
    paragraph('How the decisions of the high-level meetings stand, and the ideas proposed for the next one.'),
    facts(['Period from', time(d.period.from)], ['Period to', time(d.period.to)]),
    ...(d.decisions.length
      ? byStatus(d.decisions, time)
      : [paragraph('No decisions to report in this period.')]),
    list(
      'Ideas proposed for the next meeting',
      d.ideas.map((i) => `${i.title} (proposed by ${i.proposedBy})`),
    ),
  ],
});
