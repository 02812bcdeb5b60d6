/**
 * Decisions as a client sees them: visibility queries and listings (search attributes and memo),
 * and one decision's record through its status query. Used by the CLI, the committee's activities
 * and, later, the portal.
 */
import type { Client, WorkflowExecutionInfo } from '@temporalio/client';
import { yearsOpen, type CarryForward, type DecisionListing } from '../domain/committee';
import { DecisionStatus, OWED_STATUSES } from '../domain/decision';
import { searchAttributes } from '../domain/ids';
import { decisionStatusQuery, DECISION_TRACKING_WORKFLOW } from '../workflows/definitions/decision-tracking';

export interface DecisionFilter {
  /** The deployment's task queue: decisions of another deployment on the same namespace stay apart. */
  taskQueue?: string;
  status?: DecisionStatus;
  lead?: string;
  edition?: string;
  /** Owed decisions whose due date is before this instant. */
  overdueAt?: string;
  /** Running decisions only (not those verified, withdrawn or superseded). */
  openOnly?: boolean;
  /** Running decisions, and those closed since this instant. */
  runningOrClosedSince?: string;
  /** Rehearsal decisions (true), real ones (false) or both (absent). */
  rehearsal?: boolean;
}

const quote = (value: string) => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** The visibility query (Temporal's SQL-like list filter) for decisions matching `filter`. */
export function decisionQuery(filter: DecisionFilter): string {
  const clauses = [`WorkflowType = '${DECISION_TRACKING_WORKFLOW}'`, `ExecutionStatus != 'ContinuedAsNew'`];
  if (filter.taskQueue) clauses.push(`TaskQueue = ${quote(filter.taskQueue)}`);
  if (filter.status) clauses.push(`DecisionStatus = ${quote(filter.status)}`);
  if (filter.lead) clauses.push(`LeadOrganization = ${quote(filter.lead)}`);
  if (filter.edition) clauses.push(`MeetingEdition = ${quote(filter.edition)}`);
  if (filter.overdueAt) {
    const owed = OWED_STATUSES.map(quote).join(', ');
    clauses.push(`DecisionStatus IN (${owed})`, `DecisionDueDate < ${quote(filter.overdueAt)}`);
  }
  if (filter.openOnly || filter.overdueAt) clauses.push(`ExecutionStatus = 'Running'`);
  if (filter.runningOrClosedSince) {
    clauses.push(`(ExecutionStatus = 'Running' OR CloseTime >= ${quote(filter.runningOrClosedSince)})`);
  }
  if (filter.rehearsal !== undefined) clauses.push(`Rehearsal = ${filter.rehearsal}`);
  return clauses.join(' AND ');
}

/** Every decision matching the filter, from visibility alone (search attributes and memo). */
export async function listDecisions(
  client: Client,
  filter: DecisionFilter,
  limit = Number.POSITIVE_INFINITY,
): Promise<DecisionListing[]> {
  const listings: DecisionListing[] = [];
  for await (const info of client.workflow.list({
    query: decisionQuery(filter),
    pageSize: Math.min(1000, limit),
  })) {
    const listing = decisionListing(info);
    if (listing) listings.push(listing);
    if (listings.length >= limit) break;
  }
  return listings;
}

/** A decision as visibility shows it; undefined for an execution that has not indexed itself yet. */
export function decisionListing(info: WorkflowExecutionInfo): DecisionListing | undefined {
  const attrs = info.typedSearchAttributes;
  const status = DecisionStatus.safeParse(attrs.get(searchAttributes.DecisionStatus));
  if (!status.success) return undefined;
  const memo = (info.memo ?? {}) as Partial<
    Record<'ref' | 'edition' | 'title' | 'meetingTitle' | 'source', string>
  >;
  const [, edition = '', ref = ''] = /^decision-(r?\d+)-(.+)$/.exec(info.workflowId) ?? [];
  const running = info.status.name === 'RUNNING';
  return {
    id: info.workflowId,
    ref: memo.ref ?? ref,
    edition: memo.edition ?? attrs.get(searchAttributes.MeetingEdition) ?? edition,
    title: memo.title ?? info.workflowId,
    meetingTitle: memo.meetingTitle,
    status: status.data,
    lead: attrs.get(searchAttributes.LeadOrganization) ?? '',
    responsible: attrs.get(searchAttributes.ResponsibleOrganizations) ?? [],
    area: attrs.get(searchAttributes.DecisionArea) ?? '',
    dueDate: attrs.get(searchAttributes.DecisionDueDate)?.toISOString() ?? '',
    running,
    rehearsal: attrs.get(searchAttributes.Rehearsal) ?? false,
    ...(memo.source ? { source: memo.source } : {}),
    ...(info.closeTime && !running ? { closedAt: info.closeTime.toISOString() } : {}),
  };
}

/**
 * A decision as an agenda or a list carries it, with its years open until `at`: on the workflow's
 * clock (now, for a list), or, for a planned meeting (`at.meeting`), on the plan's calendar.
 */
export async function carriedDecision(
  client: Client,
  d: DecisionListing,
  at: { now: string } | { meeting: string },
): Promise<CarryForward['decisions'][number]> {
  const view = await client.workflow.getHandle(d.id).query(decisionStatusQuery);
  return {
    id: view.id,
    ref: view.ref,
    edition: view.edition,
    text: view.text,
    status: view.status,
    lead: view.lead.acronym,
    yearsOpen:
      'meeting' in at ? yearsOpen(view.adoptedAtPlan, at.meeting) : yearsOpen(view.adoptedAt, at.now),
    ...(view.lastReport ? { lastReport: { at: view.lastReport.at, summary: view.lastReport.summary } } : {}),
  };
}
