/**
 * Identity of things, in one place: workflow ids, task queue, search-attribute keys.
 * Imported by workflows, activities, client, CLI and tests; no string here is spelled twice.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { z } from 'zod';

export const DEFAULT_TASK_QUEUE = 'convene';

/**
 * The meeting's number: 1 to 999. The cycle specification, the cycle's input and every decision
 * read it from here, so an edition one accepts the others accept too.
 */
export const EditionNumber = z
  .number({ error: 'must be a whole number such as 7' })
  .int('must be a whole number such as 7')
  .min(1, 'must be from 1 to 999')
  .max(999, 'must be from 1 to 999');

/** "7" for the seventh meeting, "r7" for a rehearsal of it (see editionKey below). */
export const EditionKey = z
  .string()
  .regex(/^r?[1-9]\d{0,2}$/, "must be an edition such as '7' (or 'r7'), from 1 to 999");

/** Rehearsal editions live apart from real ones: `hlm-r7` can never collide with `hlm-7`. */
export function editionKey(edition: number, rehearsal = false): string {
  return rehearsal ? `r${edition}` : String(edition);
}

/** The standing committee's workflow id unless a deployment sets CONVENE_COMMITTEE_ID. */
export const DEFAULT_COMMITTEE_ID = 'standing-committee';

export const workflowIds = {
  cycle: (edition: string) => `hlm-${edition}`,
  workingGroup: (edition: string, group: string) => `hlm-${edition}-wg-${group}`,
  decision: (edition: string, ref: string) => `decision-${edition}-${ref}`,
  /** A Security Council meeting with regional organizations: `council-session-2005` (or `-r2005`). */
  councilSession: (key: string) => `council-session-${key}`,
  directoryProbe: (suffix: string) => `directory-probe-${suffix}`,
} as const;

/**
 * What each kind of workflow id looks like, for clients that are handed an id (a portal URL, the
 * workflow a mail comes from) and must know what it names before asking the server.
 */
export const workflowIdPatterns = {
  cycle: /^hlm-r?\d+$/,
  workingGroup: /^hlm-(r?\d+)-wg-[a-z][a-z0-9-]*$/,
  decision: /^decision-r?\d+-[a-z0-9][a-z0-9-]*$/,
  councilSession: /^council-session-r?\d{4}$/,
} as const;

/** Memo keys a start writes: what the workflow was started from, and by whom (clients/starts.ts). */
export const START_MEMO = { inputHash: 'inputHash', startedBy: 'startedBy' } as const;

export const searchAttributes = {
  CyclePhase: defineSearchAttributeKey('CyclePhase', SearchAttributeType.KEYWORD),
  MeetingEdition: defineSearchAttributeKey('MeetingEdition', SearchAttributeType.KEYWORD),
  DecisionStatus: defineSearchAttributeKey('DecisionStatus', SearchAttributeType.KEYWORD),
  DecisionDueDate: defineSearchAttributeKey('DecisionDueDate', SearchAttributeType.DATETIME),
  LeadOrganization: defineSearchAttributeKey('LeadOrganization', SearchAttributeType.KEYWORD),
  ResponsibleOrganizations: defineSearchAttributeKey(
    'ResponsibleOrganizations',
    SearchAttributeType.KEYWORD_LIST,
  ),
  DecisionArea: defineSearchAttributeKey('DecisionArea', SearchAttributeType.KEYWORD),
  Rehearsal: defineSearchAttributeKey('Rehearsal', SearchAttributeType.BOOL),
  CouncilPhase: defineSearchAttributeKey('CouncilPhase', SearchAttributeType.KEYWORD),
} as const;

/** The `name=TYPE` pairs the dev server's `--search-attribute` flag and the cluster script take. */
export function searchAttributeDeclarations(): Array<{ name: string; type: string }> {
  return Object.values(searchAttributes).map((key) => ({ name: key.name, type: cliTypeName(key.type) }));
}

function cliTypeName(type: string): string {
  switch (type) {
    case SearchAttributeType.KEYWORD:
      return 'Keyword';
    case SearchAttributeType.KEYWORD_LIST:
      return 'KeywordList';
    case SearchAttributeType.DATETIME:
      return 'Datetime';
    case SearchAttributeType.BOOL:
      return 'Bool';
    case SearchAttributeType.TEXT:
      return 'Text';
    case SearchAttributeType.INT:
      return 'Int';
    case SearchAttributeType.DOUBLE:
      return 'Double';
    default:
      throw new Error(`search attribute type ${type} has no CLI name`);
  }
}
