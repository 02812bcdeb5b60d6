/**
 * Personal links in mail that asks for action. The workflows leave the link fields empty (a link
 * depends on where the portal is published, which is no business of workflow history); the mail
 * activity fills them from the calling workflow's id. A link names a page, never a person: it
 * grants nothing until its reader signs in, and the page then decides what they may see and do.
 *
 * The pages: a working group's (the chair's messages and receipts; the organizers' extension
 * requests), a cycle's (the draft agenda, to comment on; the final agenda, which its mail and the
 * invitation link to; the outcome report), a decision's (progress requests, due soon), the
 * committee's claims awaiting verification (the digest) and a Council session's briefing page
 * (the invitation to brief and its reminders: a briefer confirms or declines there).
 */
import type { Message } from '../domain/messages';
import { workflowIdPatterns } from '../domain/ids';

/** The messages of a working group that ask its chair (or the organizer) to act on its page. */
const SUBMIT_LINK_KINDS = [
  'call-for-inputs',
  'input-reminder',
  'input-overdue',
  'input-escalation',
  'revision-requested',
  'extension-granted',
  'extension-denied',
  'input-received',
] as const satisfies Message['kind'][];
/** The messages of a decision that ask its lead and responsible organizations to report. */
const REPORT_LINK_KINDS = [
  'decision-progress-request',
  'decision-due-soon',
] as const satisfies Message['kind'][];

type Kinds<K extends readonly Message['kind'][]> = Extract<Message, { kind: K[number] }>;

function isOneOf<K extends readonly Message['kind'][]>(message: Message, kinds: K): message is Kinds<K> {
  return (kinds as readonly string[]).includes(message.kind);
}

const {
  workingGroup: GROUP_WORKFLOW,
  cycle: CYCLE_WORKFLOW,
  decision: DECISION_WORKFLOW,
  councilSession: COUNCIL_WORKFLOW,
} = workflowIdPatterns;

/** The portal page a message from `workflowId` asks its reader to act on, if there is one. */
export function withPageLink(
  message: Message,
  workflowId: string | undefined,
  publicUrl: string | undefined,
): Message {
  if (!publicUrl || !workflowId) return message;
  const link = (field: string, page: string): Message => {
    const data = message.data as Record<string, unknown>;
    if (data[field]) return message;
    return { ...message, data: { ...data, [field]: `${publicUrl}${page}` } } as Message;
  };
  if (GROUP_WORKFLOW.test(workflowId) && isOneOf(message, SUBMIT_LINK_KINDS))
    return link('submitUrl', `/groups/${workflowId}`);
  if (GROUP_WORKFLOW.test(workflowId) && message.kind === 'extension-requested')
    return link('decideUrl', `/groups/${workflowId}`);
  if (CYCLE_WORKFLOW.test(workflowId) && message.kind === 'draft-agenda')
    return link('commentUrl', `/cycles/${workflowId}`);
  if (CYCLE_WORKFLOW.test(workflowId) && message.kind === 'invitation')
    return link('detailsUrl', `/cycles/${workflowId}`);
  if (CYCLE_WORKFLOW.test(workflowId) && message.kind === 'outcome-report')
    return link('reportUrl', `/cycles/${workflowId}#outcome-report`);
  if (CYCLE_WORKFLOW.test(workflowId) && message.kind === 'final-agenda')
    return link('agendaUrl', `/cycles/${workflowId}`);
  if (DECISION_WORKFLOW.test(workflowId) && isOneOf(message, REPORT_LINK_KINDS))
    return link('reportUrl', `/decisions/${workflowId}`);
  if (
    COUNCIL_WORKFLOW.test(workflowId) &&
    (message.kind === 'council-invitation' || message.kind === 'council-reminder')
  )
    return link('detailsUrl', `/council/${workflowId}/briefing`);
  if (message.kind === 'committee-digest') return link('verifyUrl', '/committee/claims');
  return message;
}
