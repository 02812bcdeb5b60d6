/**
 * A file of decisions taken at one meeting (config/examples/decisions-hlm-7.json): what
 * `convene decision import` reads, turned into one tracking input per decision.
 */
import { z } from 'zod';
import { ruleIssue } from './issues';
import { DecisionPolicy, DecisionRef, DecisionSpec, EditionKey, Instant } from './decision';
import type { DecisionTrackingInput } from './decision-input';
import { OrganizationId } from './addresses';
import { Contact } from './roster';
import { Line, Text } from './text';

export const DecisionFile = z
  .object({
    $comment: z.string().optional(),
    edition: EditionKey,
    meetingTitle: Line(300),
    adoptedAt: Instant,
    meetingTimeZone: z.string().min(1).default('America/New_York'),
    /** Absent: the organizers of config/standing-committee.json. */
    organizers: z.array(Contact).min(1).optional(),
    policy: DecisionPolicy.optional(),
    decisions: z
      .array(
        z.object({
          ref: DecisionRef,
          title: Line(200).optional(),
          text: Text(5_000),
          area: Line(100),
          leadOrganization: OrganizationId,
          responsibleOrganizations: z.array(OrganizationId).default([]),
          dueDate: Instant,
        }),
      )
      .min(1, 'must list at least one decision'),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.decisions.forEach((d, i) => {
      if (seen.has(d.ref))
        ctx.addIssue(
          ruleIssue(['decisions', i, 'ref'], 'rule.listedTwice', { item: d.ref }, `${d.ref} is listed twice`),
        );
      seen.add(d.ref);
    });
  });
export type DecisionFile = z.infer<typeof DecisionFile>;

/** Every organization id the file names, with where, for checking against the directory. */
export function organizationsNamed(file: DecisionFile): Array<{ id: string; where: string }> {
  return file.decisions.flatMap((d, i) => [
    { id: d.leadOrganization, where: `decisions.${i}.leadOrganization` },
    ...d.responsibleOrganizations.map((id, j) => ({
      id,
      where: `decisions.${i}.responsibleOrganizations.${j}`,
    })),
  ]);
}

export interface ImportOptions {
  organizers: Contact[];
  /** A rehearsal: edition "r<N>", every message marked, dates moved so the meeting ends now. */
  rehearse?: { nowMs: number };
}

export function trackingInputs(file: DecisionFile, options: ImportOptions): DecisionTrackingInput[] {
  const shift = options.rehearse ? options.rehearse.nowMs - Date.parse(file.adoptedAt) : 0;
  const moved = (iso: string) => new Date(Date.parse(iso) + shift).toISOString();
  const edition = options.rehearse ? `r${file.edition.replace(/^r/, '')}` : file.edition;
  return file.decisions.map((d) => ({
    decision: DecisionSpec.parse({
      ...d,
      edition,
      meetingTitle: file.meetingTitle,
      adoptedAt: moved(file.adoptedAt),
      adoptedAtPlan: file.adoptedAt,
      dueDate: moved(d.dueDate),
      meetingTimeZone: file.meetingTimeZone,
    }),
    organizers: file.organizers ?? options.organizers,
    rehearsal: Boolean(options.rehearse),
    imported: true,
    ...(file.policy ? { policy: file.policy } : {}),
  }));
}
