/**
 * A decision's record as its workflow keeps it (reports, responses, claims, changes, notices and
 * timers), what a run carries to the next, and the view the status query answers. The schemas are
 * loaded only when a run has a carried record to check (decision-input.ts); a new decision's
 * record is built from its parsed specification (decision-tracker.ts `adopt`).
 */
import { z } from 'zod';
import { Email, OrganizationId } from './addresses';
import { DecisionPolicy, DecisionSpec, DecisionStatus, type DecisionSource } from './decision';
import { DeliveryFailure } from './delivery';
import type * as Messages from './messages';
import { Participant } from './people';
import { DecisionRoster } from './roster';

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
