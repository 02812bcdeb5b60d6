/**
 * The Security Council's sessions with regional organizations as the portal sees them: found
 * through visibility, read through the session's status query (and the store, for the concept
 * note). Who a person is to a session comes from its own status: its organizers are the Council
 * affairs organizers of the trusted file it was started with, its briefers are its invited
 * partners'. Only the definitions module is imported.
 */
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { CouncilSessionStatus, PartnerStatus } from '../domain/council-session';
import { sameAddress } from '../domain/people';
import type { DocumentStore } from '../store/documents';
import { councilStatusQuery, COUNCIL_SESSION_WORKFLOW } from '../workflows/definitions/council-session';
import { readableDocument, type AgendaDocument } from './meetings';
import { runningWorkflowIds } from './running';
import { workflowIdPatterns } from '../domain/ids';

export interface CouncilPage {
  workflowId: string;
  status: CouncilSessionStatus;
}

const COUNCIL_WORKFLOW_ID = workflowIdPatterns.councilSession;

/** The session's status, or undefined when there is no such session. */
export async function councilPage(client: Client, workflowId: string): Promise<CouncilPage | undefined> {
  if (!COUNCIL_WORKFLOW_ID.test(workflowId)) return undefined;
  try {
    const status = await client.workflow.getHandle(workflowId).query(councilStatusQuery);
    return { workflowId, status };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

/** Running sessions of this deployment that `email` organizes or briefs at. */
export async function councilSessionsOf(
  client: Client,
  taskQueue: string,
  email: string,
): Promise<Array<CouncilPage & { organizes: boolean; briefer?: PartnerStatus }>> {
  const pages = [];
  for await (const workflowId of runningWorkflowIds(client, COUNCIL_SESSION_WORKFLOW, taskQueue)) {
    const page = await councilPage(client, workflowId);
    if (!page) continue;
    const organizes = organizesSession(page.status, email);
    const briefer = brieferOf(page.status, email);
    if (organizes || briefer) pages.push({ ...page, organizes, ...(briefer ? { briefer } : {}) });
  }
  return pages.sort((a, b) => a.workflowId.localeCompare(b.workflowId));
}

/** True when `email` is one of the session's Council affairs organizers. */
export function organizesSession(status: CouncilSessionStatus, email: string): boolean {
  return status.organizers.some((o) => sameAddress(o.email, email));
}

/** The invited organization whose briefer is `email`, if any. */
export function brieferOf(status: CouncilSessionStatus, email: string): PartnerStatus | undefined {
  return status.partners.find((p) => sameAddress(p.briefer.email, email));
}

/** The latest concept note as the store keeps it; undefined before there is one (or if the store lacks it). */
export async function conceptNoteDocument(
  documents: DocumentStore,
  page: CouncilPage,
): Promise<AgendaDocument | undefined> {
  const latest = page.status.conceptNotes.at(-1);
  if (!latest) return undefined;
  const doc = await documents.get(page.workflowId, 'concept-note', latest.version);
  return doc && readableDocument(doc);
}
