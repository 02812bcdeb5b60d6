/**
 * What people send a decision: the payload of each Update, checked by its validator before the
 * roster says who may send it (decision-tracker.ts `parseAction`). The workflow loads this on its
 * first Update: most decisions wait months for one.
 */
import { z } from 'zod';
import { Email, OrganizationId } from './addresses';
import { DecisionRef } from './decision';
import { EditionKey } from './ids';
import { Instant, Text } from './text';

/** Only web links: evidence is something a committee member can open. */
const EvidenceLink = z.url({ protocol: /^https?$/, error: 'must be an http(s) link to the evidence' });

/** Client-chosen ids make retries of the same action harmless. */
const ClientId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,100}$/, 'must be 1–100 letters, digits, dots, dashes, colons or underscores');

/** A decision named as edition/ref ("8/12") or by its workflow id ("decision-8-12"). */
const SupersedingDecision = z.string().refine(
  (v) => {
    const m = /^(?:decision-(r?\d+)-|(r?\d+)\/)(.+)$/.exec(v);
    return Boolean(m) && EditionKey.safeParse(m![1] ?? m![2]).success && DecisionRef.safeParse(m![3]).success;
  },
  { message: 'must name the decision that replaces it as edition/ref, e.g. 8/12 (or decision-8-12)' },
);

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
