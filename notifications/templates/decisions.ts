/** Messages about decisions, sent for years after the meeting that took them. */
import { action, facts, list, paragraph, quote, type Block, type Fact } from '../body';
import type { Edition } from '../fields';
import type { Decision, DigestEntry, EscalationWhy, MessageData } from '../messages';
import { hlm, type Template, type TemplateContext } from './context';

type Data = { edition: Edition; decision: Decision };

/** The values every decision message's sentences draw on. */
const about = (d: Data, t: TemplateContext['t']) => ({ hlm: hlm(d.edition, t), ref: d.decision.ref });

const responsibleFor = (d: Data, t: TemplateContext['t']) =>
  t('reason.responsible', { ref: d.decision.ref, number: d.edition.number });

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
    reason: responsibleFor(d, t),
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
    reason: responsibleFor(d, t),
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
    reason: responsibleFor(d, t),
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
    reason: t('reason.committee'),
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
    lines.push(
      ctx.t('decisions.digest.entry', { ref: e.ref, title: e.title, lead: e.lead, due: ctx.time(e.due) }),
    );
    groups.set(e.status, lines);
  }
  return [...groups].map(([status, lines]) => list(statusName(status, ctx), lines));
}

export const committeeDigest: Template<MessageData<'committee-digest'>> = (d, ctx) => {
  const { t, time } = ctx;
  return {
    subject: t('decisions.digest.subject', { hlm: hlm(d.edition, t) }),
    reason: t('reason.committee'),
    body: [
      paragraph(t('decisions.digest.intro')),
      facts([t('label.periodFrom'), time(d.period.from)], [t('label.periodTo'), time(d.period.to)]),
      ...(d.decisions.length ? byStatus(d.decisions, ctx) : [paragraph(t('decisions.digest.none'))]),
      list(
        t('label.ideas'),
        d.ideas.map((i) => t('decisions.digest.idea', { title: i.title, by: i.proposedBy })),
      ),
      action(t('action.verifyClaims'), d.verifyUrl),
    ],
  };
};
