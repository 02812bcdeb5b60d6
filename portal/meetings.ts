/**
 * Cycles and decisions as the focal points' and committee members' pages see them: found through
 * visibility, read through the workflows' queries (and the store, for the agenda). Only the
 * definitions modules and the clients' listings are imported.
 */
import { workflowIdPatterns } from '../domain/ids';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { listDecisions } from '../clients/decisions';
import type { DecisionListing } from '../domain/committee';
import type { CycleInput } from '../domain/cycle-input';
import type { DecisionView } from '../domain/decision-record';
import { sameAddress } from '../domain/people';
import type { DocumentStore, DocumentVersion } from '../store/documents';
import { runningWorkflowIds } from './running';
import { decisionStatusQuery } from '../workflows/definitions/decision-tracking';
import {
  cyclePlanQuery,
  cycleStatusQuery,
  PREPARATION_CYCLE_WORKFLOW,
  type CycleStatus,
} from '../workflows/definitions/preparation-cycle';

export interface CyclePage {
  workflowId: string;
  status: CycleStatus;
  plan: CycleInput;
}

const { cycle: CYCLE_WORKFLOW_ID, decision: DECISION_WORKFLOW_ID } = workflowIdPatterns;

/** Running cycles of this deployment in which `organization` takes part (every one, for `all`). */
export async function cyclesOf(
  client: Client,
  taskQueue: string,
  organization: string | undefined,
  all: boolean,
): Promise<CyclePage[]> {
  const pages: CyclePage[] = [];
  for await (const workflowId of runningWorkflowIds(client, PREPARATION_CYCLE_WORKFLOW, taskQueue)) {
    const page = await cyclePage(client, workflowId);
    if (page && (all || takesPart(page, organization))) pages.push(page);
  }
  return pages.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}

export function takesPart(page: CyclePage, organization: string | undefined): boolean {
  return Boolean(organization) && page.plan.participants.some((p) => p.id === organization);
}

/** True when `email` is one of the cycle's organizers. */
export function organizesCycle(page: CyclePage, email: string): boolean {
  return page.plan.organizers.some((o) => sameAddress(o.email, email));
}

export async function cyclePage(client: Client, workflowId: string): Promise<CyclePage | undefined> {
  if (!CYCLE_WORKFLOW_ID.test(workflowId)) return undefined;
  try {
    const handle = client.workflow.getHandle(workflowId);
    const [status, plan] = await Promise.all([handle.query(cycleStatusQuery), handle.query(cyclePlanQuery)]);
    return { workflowId, status, plan };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

export interface AgendaDocument {
  version: number;
  sha256: string;
  createdAt: string;
  language: string;
  dir: 'ltr' | 'rtl';
  /** The body of the rendered HTML: its texts were escaped when it was rendered (documents/blocks.ts). */
  body: string;
}

/** The documents a cycle writes, by the name its status records them under. */
const CYCLE_DOCUMENTS = {
  'draft-agenda': 'draftAgenda',
  'final-agenda': 'finalAgenda',
  'outcome-report': 'outcomeReport',
} as const;
export type CycleDocumentKind = keyof typeof CYCLE_DOCUMENTS;

/** One of the cycle's documents as the store keeps it; undefined before it is written. */
export async function cycleDocument(
  documents: DocumentStore,
  page: CyclePage,
  kind: CycleDocumentKind,
): Promise<AgendaDocument | undefined> {
  const recorded = page.status.documents[CYCLE_DOCUMENTS[kind]];
  // Histories from before the store recorded paths on a worker's disk: nothing to read here.
  if (!recorded || 'markdown' in recorded) return undefined;
  const doc = await documents.get(recorded.cycleId, kind, recorded.version);
  return doc && readableDocument(doc);
}

/** A stored document as a page shows it: its body, language and direction. */
export function readableDocument(doc: DocumentVersion): AgendaDocument {
  const root = /<html lang="([^"]*)" dir="(ltr|rtl)">/.exec(doc.html);
  const body = /<body>\n?([\s\S]*?)\n?<\/body>/.exec(doc.html)?.[1] ?? '';
  return {
    version: doc.version,
    sha256: doc.sha256,
    createdAt: doc.createdAt,
    language: root?.[1] ?? 'en',
    dir: root?.[2] === 'rtl' ? 'rtl' : 'ltr',
    body,
  };
}

/** Decisions whose lead or responsible organizations include `organization`, running or not. */
export async function decisionsOf(
  client: Client,
  taskQueue: string,
  organization: string,
): Promise<DecisionListing[]> {
  const all = await listDecisions(client, { taskQueue }, 500);
  return all.filter((d) => d.lead === organization || d.responsible.includes(organization));
}

export async function decisionView(client: Client, workflowId: string): Promise<DecisionView | undefined> {
  if (!DECISION_WORKFLOW_ID.test(workflowId)) return undefined;
  try {
    return await client.workflow.getHandle(workflowId).query(decisionStatusQuery);
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** The organizations that act on a decision: its lead and responsible ones. */
export function actsOn(
  view: DecisionView,
  organization: string | undefined,
): 'lead' | 'responsible' | undefined {
  if (!organization) return undefined;
  if (view.lead.id === organization) return 'lead';
  return view.responsible.some((r) => r.id === organization) ? 'responsible' : undefined;
}
