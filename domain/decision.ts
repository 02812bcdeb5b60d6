/**
 * A decision of a high-level meeting, as it crosses boundaries: what starts its tracking, the
 * policy that paces it, what people send it and the record it keeps. The rules live in
 * decision-tracker.ts; the workflow in workflows/decision-tracking.ts.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { DeliveryFailure } from './delivery';
import { IsoDurationText, addIsoDuration } from './duration';
import { EditionKey } from './ids';
import type * as Messages from './messages';
import { Email, OrganizationId } from './addresses';
import { Participant } from './people';
import { Contact, DecisionRoster } from './roster';
import { Instant, Line, Text } from './text';

export { Instant };

/** Only web links: evidence is something a committee member can open. */
const EvidenceLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) link to the evidence' });

/** Client-chosen ids make retries of the same action harmless. */
const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits, dots, dashes, colons or underscores');

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

/** A decision named as edition/ref ("8/12") or by its workflow id ("decision-8-12"). */
const SupersedingDecision = z.string().refine(
  (v) => {
    const m = /^(?:decision-(r?\d+)-|(r?\d+)\/)(.+)$/.exec(v);
    return Boolean(m) && EditionKey.safeParse(m![1] ?? m![2]).success && DecisionRef.safeParse(m![3]).success;
  },
  { message: 'must name the decision that replaces it as edition/ref, e.g. 8/12 (or decision-8-12)' },
);

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

// ── The record ──────────────────────────────────────────────────────────────────────────────────────

export const RESPONSE_STATES = ['pending', 'accepted', 'in-progress', 'done'] as const;
export const ResponseState = z.enum(RESPONSE_STATES);
export type ResponseState = z.infer<typeof ResponseState>;

export const ProgressReport = z.object({
  id: z.string(),
  at: z.string(),
  by: Email,
  organization: OrganizationId,
  percent: z.number(),
  narrative: z.string(),
  evidence: z.array(z.string()),
});
export type ProgressReport = z.infer<typeof ProgressReport>;

/** One organization's own answer to the decision: the lead's and each responsible organization's. */
export const OrganizationResponse = z.object({
  organization: OrganizationId,
  role: z.enum(['lead', 'responsible', 'former-lead']),
  state: ResponseState,
  updatedAt: z.string().optional(),
  reportIds: z.array(z.string()),
});
export type OrganizationResponse = z.infer<typeof OrganizationResponse>;

export const Claim = z.object({
  id: z.string(),
  at: z.string(),
  by: Email,
  summary: z.string(),
  evidence: z.array(z.string()),
  outcome: z
    .object({ verdict: z.enum(['verified', 'rejected']), by: Email, at: z.string(), reasons: z.string() })
    .optional(),
});
export type Claim = z.infer<typeof Claim>;

const Change = z.object({ at: z.string(), by: Email, from: z.string(), to: z.string(), reason: z.string() });
export type Change = z.infer<typeof Change>;

export const StatusChange = z.object({
  at: z.string(),
  from: DecisionStatus,
  to: DecisionStatus,
  by: z.string(),
  why: z.string(),
});
export type StatusChange = z.infer<typeof StatusChange>;

export const NOTICE_KINDS = [
  'progress-request',
  'due-soon',
  'escalation',
  'stall',
  'verification-reminder',
  'verification-escalation',
  /** A change (a claim, a verdict, an extension…) told to the people it concerns. */
  'event',
] as const;
export const Notice = z.object({
  kind: z.enum(NOTICE_KINDS),
  at: z.string(),
  /** For `event`: which change was told (claim-awaiting, lead-reassigned, …). */
  event: z.string().optional(),
  /** For escalations: which step of the ladder, and its audience. */
  step: z.number().optional(),
  audience: z.string(),
  recipients: z.array(z.string()),
});
export type Notice = z.infer<typeof Notice>;

export const DecisionState = z.object({
  spec: DecisionSpec,
  status: DecisionStatus,
  lead: OrganizationId,
  responsible: z.array(OrganizationId),
  dueDate: z.string(),
  reports: z.array(ProgressReport),
  responses: z.array(OrganizationResponse),
  claims: z.array(Claim),
  extensions: z.array(Change),
  leadChanges: z.array(Change),
  statusChanges: z.array(StatusChange),
  closure: z
    .object({
      status: DecisionStatus,
      at: z.string(),
      by: Email,
      reasons: z.string(),
      supersededBy: z.string().optional(),
    })
    .optional(),
  notices: z.array(Notice),
  mailFailures: z.array(DeliveryFailure),
  timers: z.object({
    /** The last progress request (or the adoption): the cadence counts from here or the last report. */
    lastRequestAt: z.string(),
    /** The last sign of life: adoption, a report, a rejected claim. Stall detection counts from here. */
    lastActivityAt: z.string(),
    dueSoonSentFor: z.string().optional(),
    /** The ladder climbed for one due date; an extension starts it afresh. */
    ladder: z.object({ dueDate: z.string(), sentAt: z.array(z.string()) }),
    /** The reminders to verify the pending claim, and when the chair was told; a new claim starts afresh. */
    verification: z
      .object({ claimId: z.string(), remindersAt: z.array(z.string()), chairToldAt: z.string().optional() })
      .optional(),
  }),
  /** Numbers the messages of this decision, so each has a stable idempotency key across runs. */
  mailSequence: z.number(),
});
export type DecisionState = z.infer<typeof DecisionState>;

// ── Workflow input ──────────────────────────────────────────────────────────────────────────────────

/**
 * A message the last run had not finished sending when it handed over: the next run sends it.
 *
 * The schema of every message (messages.ts) is loaded on the first parse that meets one: a workflow
 * builds its own copy of each schema it loads (workflows/index.ts), and most decisions never carry
 * an unsent message, so they need not build the thirty kinds of message. Parsing is the same.
 */
export const UnsentMail = z.object({
  key: z.string(),
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  message: z.lazy(() => (require('./messages') as typeof Messages).Message),
  recipients: z.array(Participant),
});
export type UnsentMail = z.input<typeof UnsentMail>;

export const CarriedDecision = z.object({
  state: DecisionState,
  roster: DecisionRoster,
  /** The policy of the last run: kept if the worker's configuration cannot be read. */
  policy: DecisionPolicy,
  /** How many runs came before this one (continue-as-new). */
  runs: z.number().int().nonnegative(),
  /** Same keys, so what the last run did send is not sent twice (the sent-ledger keeps it once). */
  unsent: z.array(UnsentMail).optional(),
});
export type CarriedDecision = z.infer<typeof CarriedDecision>;
export type CarriedDecisionInput = z.input<typeof CarriedDecision>;

export const DecisionTrackingInput = z.object({
  decision: DecisionSpec,
  organizers: z.array(Contact).min(1, 'needs at least one organizer'),
  rehearsal: z.boolean().default(false),
  /** Absent: the worker's configuration (settings and config/standing-committee.json) decides. */
  policy: DecisionPolicy.optional(),
  /** Handled events (Updates and timer actions) per run before continue-as-new; tests lower it. */
  maxEventsPerRun: z.number().int().min(1).default(500),
  /** Set by continue-as-new: the whole state of the previous run. */
  carried: CarriedDecision.optional(),
  /** Started by `decision import` (not by a cycle's outcome): its lead is told it is now tracked. */
  imported: z.boolean().default(false),
});
export type DecisionTrackingInput = z.input<typeof DecisionTrackingInput>;
export type DecisionTrackingParams = z.infer<typeof DecisionTrackingInput>;

// ── What people send ────────────────────────────────────────────────────────────────────────────────

const Actor = { as: Email };

export const ReportProgressRequest = z.object({
  ...Actor,
  /** Chosen by the client: the same report sent twice is recorded once. */
  reportId: ClientId.optional(),
  percent: z.number().int('must be a whole percentage').min(0, 'must be 0–100').max(100, 'must be 0–100'),
  narrative: Text(4_000),
  evidence: z.array(EvidenceLink).max(20, 'at most 20 links').default([]),
  /** The reporting organization's own answer; derived from the percentage when absent. */
  response: z.enum(['accepted', 'in-progress', 'done']).optional(),
});
export type ReportProgressRequest = z.input<typeof ReportProgressRequest>;

export const ClaimImplementedRequest = z.object({
  ...Actor,
  claimId: ClientId.optional(),
  summary: Text(4_000),
  evidence: z
    .array(EvidenceLink)
    .min(1, 'evidence is required: give at least one link to what shows the decision implemented')
    .max(20, 'at most 20 links'),
});
export type ClaimImplementedRequest = z.input<typeof ClaimImplementedRequest>;

export const VerdictRequest = z.object({ ...Actor, reasons: Text(4_000) });
export type VerdictRequest = z.input<typeof VerdictRequest>;

export const ExtendDueDateRequest = z.object({ ...Actor, dueDate: Instant, reason: Text(2_000) });
export type ExtendDueDateRequest = z.input<typeof ExtendDueDateRequest>;

export const ReassignLeadRequest = z.object({
  ...Actor,
  leadOrganization: OrganizationId,
  reason: Text(2_000),
});
export type ReassignLeadRequest = z.input<typeof ReassignLeadRequest>;

export const WithdrawRequest = z.object({ ...Actor, reason: Text(2_000) });
export type WithdrawRequest = z.input<typeof WithdrawRequest>;

export const SupersedeRequest = z.object({
  ...Actor,
  reason: Text(2_000),
  /** The decision that replaces this one, e.g. "decision-8-12" or "8/12". */
  supersededBy: SupersedingDecision,
});
export type SupersedeRequest = z.input<typeof SupersedeRequest>;

/** The payload of each Update and how a rejection names it ("the progress report is malformed: …"). */
export const ACTION_PAYLOADS = {
  reportProgress: { schema: ReportProgressRequest, what: 'the progress report' },
  claimImplemented: { schema: ClaimImplementedRequest, what: 'the claim of implementation' },
  verify: { schema: VerdictRequest, what: 'the verification' },
  rejectClaim: { schema: VerdictRequest, what: 'the rejection of the claim' },
  extendDueDate: { schema: ExtendDueDateRequest, what: 'the extension' },
  reassignLead: { schema: ReassignLeadRequest, what: 'the reassignment' },
  withdraw: { schema: WithdrawRequest, what: 'the withdrawal' },
  supersede: { schema: SupersedeRequest, what: 'the supersession' },
} as const;
export type DecisionAction = keyof typeof ACTION_PAYLOADS;

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

// ── What the status query answers ───────────────────────────────────────────────────────────────────

export interface OrganizationRef {
  id: string;
  acronym: string;
}

/** The whole record of a decision, with what is derived from it (overdue, what comes next). */
/** What a decision's workflow will do next, as data: the kind, and the ladder's step or the reminder's count. */
export type UpcomingAction =
  | { kind: 'progress-request' | 'due-soon' | 'stall' }
  | { kind: 'escalation'; step: number; audience: string }
  | { kind: 'verification-reminder' | 'verification-escalation'; count: number };

export interface DecisionView extends Omit<DecisionState, 'spec' | 'lead' | 'responsible' | 'mailSequence'> {
  id: string;
  ref: string;
  edition: string;
  meetingTitle: string;
  title: string;
  text: string;
  area: string;
  adoptedAt: string;
  /** On the plan's calendar (see DecisionSpec); `adoptedAt` for decisions recorded without it. */
  adoptedAtPlan: string;
  originalDueDate: string;
  lead: OrganizationRef;
  responsible: OrganizationRef[];
  rehearsal: boolean;
  /**
   * The workflow's clock when it last ran (a query cannot read the time): `overdue` and `upcoming`
   * are as of then. Readers who need "now" use `isOverdueAt`.
   */
  asOf: string;
  overdue: boolean;
  lastReport?: { at: string; by: string; organization: string; summary: string };
  /** A Council request's symbol and paragraph; absent for a meeting's own decision. */
  source?: DecisionSource;
  /** `what` in English for scripts; `next` the same facts for a reader's language (cli/commands/decision.ts). */
  upcoming: Array<{ what: string; at: string; next: UpcomingAction }>;
  policy: DecisionPolicy;
  /** 1 for the first run; one more after each continue-as-new. */
  run: number;
}
