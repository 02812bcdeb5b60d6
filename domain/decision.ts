/**
 * A decision of a high-level meeting, as it crosses boundaries: its status, what starts its
 * tracking and the policy that paces it. Beside it: the workflow's input (decision-input.ts), the
 * record it keeps and the view it answers (decision-record.ts), and what people send it
 * (decision-requests.ts). They live apart because a workflow builds its own copy of every schema
 * it loads (workflows/index.ts), and a decision's first run needs neither the record's nor the
 * requests' schemas. The rules live in decision-tracker.ts; the workflow in
 * workflows/decision-tracking.ts.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { IsoDurationText, addIsoDuration } from './duration';
import { EditionKey } from './ids';
import { OrganizationId } from './addresses';
import { Instant, Line, Text } from './text';

export { Instant };

// ── Status ──────────────────────────────────────────────────────────────────────────────────────────

export const DECISION_STATUSES = [
  'adopted',
  'in-progress',
  'implementation-claimed',
  'verified',
  'stalled',
  'withdrawn',
  'superseded',
] as const;
export const DecisionStatus = z.enum(DECISION_STATUSES);
export type DecisionStatus = z.infer<typeof DecisionStatus>;

/** Statuses after which nothing more is tracked: the workflow completes. */
export const CLOSED_STATUSES = ['verified', 'withdrawn', 'superseded'] as const satisfies DecisionStatus[];
/** Statuses in which the lead still owes work: requests, reminders, escalation and stall detection run. */
export const OWED_STATUSES = ['adopted', 'in-progress', 'stalled'] as const satisfies DecisionStatus[];

export function isClosed(status: DecisionStatus): boolean {
  return (CLOSED_STATUSES as readonly DecisionStatus[]).includes(status);
}

export function isOwed(status: DecisionStatus): boolean {
  return (OWED_STATUSES as readonly DecisionStatus[]).includes(status);
}

/** Past its due date with the work still owed (not claimed, not closed). */
export function isOverdueAt(decision: { status: DecisionStatus; dueDate: string }, nowMs: number): boolean {
  return isOwed(decision.status) && nowMs > Date.parse(decision.dueDate);
}

// ── What starts a decision ──────────────────────────────────────────────────────────────────────────

export { EditionKey };

export function editionNumber(edition: string): number {
  return Number(edition.replace(/^r/, ''));
}

export const DecisionRef = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,19}$/, 'must be a short lower-case reference such as 94b');

/**
 * Where a decision comes from when it is not a high-level meeting's own: a request in an operative
 * paragraph of a Security Council outcome (`S/RES/1631 (2005)`, paragraph 10), and the session.
 */
export const DecisionSource = z.object({
  body: z.literal('security-council'),
  symbol: Line(40),
  paragraph: z.int().min(1),
  /** The Council session's workflow id, e.g. council-session-2005. */
  session: z.string().max(100).optional(),
});
export type DecisionSource = z.infer<typeof DecisionSource>;

/** "S/RES/1631 (2005), para. 10": the source as people cite it (empty for a meeting's own decision). */
export function decisionSourceLabel(source: DecisionSource | undefined): string {
  return source ? `${source.symbol}, para. ${source.paragraph}` : '';
}

export const DecisionSpec = z
  .object({
    ref: DecisionRef,
    edition: EditionKey,
    meetingTitle: Line(300),
    text: Text(5_000),
    /** A short name for subjects and lists; the first sentence of the text when absent. */
    title: Line(200).optional(),
    area: Line(100),
    leadOrganization: OrganizationId,
    responsibleOrganizations: z.array(OrganizationId).default([]),
    dueDate: Instant,
    adoptedAt: Instant,
    /**
     * When the meeting adopted it on the plan's calendar. A rehearsal's clock runs faster than its
     * plan, so there it differs from `adoptedAt`; an agenda counts the years open from it.
     */
    adoptedAtPlan: Instant.optional(),
    /** The zone times are shown in besides each recipient's own: the meeting's (New York). */
    meetingTimeZone: z.string().min(1).default('America/New_York'),
    /** Absent for a meeting's own decision; a Council request carries its symbol and paragraph. */
    source: DecisionSource.optional(),
  })
  .superRefine((spec, ctx) => {
    if (Date.parse(spec.dueDate) <= Date.parse(spec.adoptedAt)) {
      ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'must be after adoptedAt' });
    }
    if (spec.responsibleOrganizations.includes(spec.leadOrganization)) {
      ctx.addIssue(
        ruleIssue(
          ['responsibleOrganizations'],
          'rule.repeatsLead',
          { lead: spec.leadOrganization },
          `must not repeat the lead organization ${spec.leadOrganization}`,
        ),
      );
    }
    if (new Set(spec.responsibleOrganizations).size !== spec.responsibleOrganizations.length) {
      ctx.addIssue({ code: 'custom', path: ['responsibleOrganizations'], message: 'must not repeat an id' });
    }
  });
export type DecisionSpec = z.infer<typeof DecisionSpec>;
export type DecisionSpecInput = z.input<typeof DecisionSpec>;

/** The short name a person sees: the given title, else the text's first sentence (cut at 120). */
export function decisionTitle(spec: Pick<DecisionSpec, 'title' | 'text'>): string {
  if (spec.title) return spec.title;
  const firstSentence = spec.text.split(/(?<=[.;:])\s/)[0] ?? spec.text;
  const oneLine = firstSentence.replace(/\s+/g, ' ').replace(/[;:,]$/, '');
  return oneLine.length <= 120 ? oneLine : `${oneLine.slice(0, 117).trimEnd()}…`;
}

// ── Policy ──────────────────────────────────────────────────────────────────────────────────────────

export const ESCALATION_AUDIENCES = [
  'lead',
  'responsible',
  'committee-chair',
  'committee',
  'organizers',
] as const;
export const EscalationStep = z.object({
  notify: z.enum(ESCALATION_AUDIENCES),
  /** Measured from the due date: the first step usually at once (PT0S), the next ones later. */
  after: IsoDurationText,
});
export type EscalationStep = z.infer<typeof EscalationStep>;

export const DEFAULT_ESCALATION: EscalationStep[] = [
  { notify: 'lead', after: 'PT0S' },
  { notify: 'committee-chair', after: 'P30D' },
  { notify: 'organizers', after: 'P60D' },
];

export const DecisionPolicy = z
  .object({
    /** How often the lead (and the responsible organizations) are asked for progress. */
    reportCadence: IsoDurationText.default('P3M'),
    /** How long they have to answer a request (shown as "report by"). */
    reportWindow: IsoDurationText.default('P14D'),
    /** How long before the due date the due-soon reminder goes. */
    dueSoonBefore: IsoDurationText.default('P30D'),
    /** After the due date: who is told, and when. */
    escalation: z.array(EscalationStep).min(1).default(DEFAULT_ESCALATION),
    /** No report for this long marks the decision stalled and tells the committee. */
    stallAfter: IsoDurationText.default('P6M'),
    /** While a claim awaits verification: how often the committee is reminded to verify it. */
    verificationReminderEvery: IsoDurationText.default('P14D'),
    /** After this many unanswered reminders the committee chair is told. */
    verificationRemindersBeforeChair: z.int().min(1).default(2),
  })
  .superRefine((policy, ctx) => {
    const offsets = policy.escalation.map((s) => addIsoDuration(0, s.after));
    offsets.forEach((offset, i) => {
      if (i > 0 && offset < (offsets[i - 1] ?? 0)) {
        ctx.addIssue({
          code: 'custom',
          path: ['escalation', i, 'after'],
          message: 'steps must be in order: each after the one before',
        });
      }
    });
    if (addIsoDuration(0, policy.reportCadence) <= 0) {
      ctx.addIssue({ code: 'custom', path: ['reportCadence'], message: 'must be longer than zero' });
    }
    if (addIsoDuration(0, policy.stallAfter) <= 0) {
      ctx.addIssue({ code: 'custom', path: ['stallAfter'], message: 'must be longer than zero' });
    }
  });
export type DecisionPolicy = z.infer<typeof DecisionPolicy>;
export type DecisionPolicyInput = z.input<typeof DecisionPolicy>;

/**
 * The policy of a rehearsal, whose clock runs `factor` times faster (e.g. a day in 10 s: 10 / 86 400).
 * Months count as their length from the Unix epoch; to the second, which is close enough to rehearse.
 */
export function compressDecisionPolicy(policy: DecisionPolicy, factor: number): DecisionPolicy {
  const scale = (duration: string) =>
    `PT${Math.max(1, Math.round((addIsoDuration(0, duration) / 1000) * factor))}S`;
  return {
    reportCadence: scale(policy.reportCadence),
    reportWindow: scale(policy.reportWindow),
    dueSoonBefore: scale(policy.dueSoonBefore),
    escalation: policy.escalation.map((step) => ({
      ...step,
      after: addIsoDuration(0, step.after) ? scale(step.after) : 'PT0S',
    })),
    stallAfter: scale(policy.stallAfter),
    verificationReminderEvery: scale(policy.verificationReminderEvery),
    verificationRemindersBeforeChair: policy.verificationRemindersBeforeChair,
  };
}

/** What every Update answers: the decision's status after it, and whether it changed anything. */
export interface ActionReceipt {
  decision: string;
  status: DecisionStatus;
  at: string;
  /** True when the same action was already recorded (a retry): nothing new was written. */
  duplicate: boolean;
  /** The report's or the claim's id, when the action recorded one. */
  id?: string;
}
