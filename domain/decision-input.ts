/**
 * What starts a decision's workflow, and what continue-as-new hands the next run. The carried
 * record's schema (decision-record.ts) is built only when a run carries one (builtOnFirstUse):
 * a new decision has none, and each workflow builds its own copy of every schema it loads.
 */
import { z } from 'zod';
import { DecisionPolicy, DecisionSpec } from './decision';
import type * as Record from './decision-record';
import { builtOnFirstUse } from './lazy-schema';
import { Contact } from './roster';

export const DecisionTrackingInput = z.object({
  decision: DecisionSpec,
  organizers: z.array(Contact).min(1, 'needs at least one organizer'),
  rehearsal: z.boolean().default(false),
  /** Absent: the worker's configuration (settings and config/standing-committee.json) decides. */
  policy: DecisionPolicy.optional(),
  /** Handled events (Updates and timer actions) per run before continue-as-new; tests lower it. */
  maxEventsPerRun: z.number().int().min(1).default(500),
  /** Set by continue-as-new: the whole state of the previous run. */
  carried: builtOnFirstUse(
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see the top
    () => (require('./decision-record') as typeof Record).CarriedDecision,
  ).optional(),
  /** Started by `decision import` (not by a cycle's outcome): its lead is told it is now tracked. */
  imported: z.boolean().default(false),
});
export type DecisionTrackingInput = z.input<typeof DecisionTrackingInput>;
export type DecisionTrackingParams = z.infer<typeof DecisionTrackingInput>;
