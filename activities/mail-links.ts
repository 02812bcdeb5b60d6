/**
 * Personal links in mail that asks for action. The workflows leave the link fields empty (a link
 * depends on where the portal is published, which is no business of workflow history); the mail
 * activity fills them from the calling workflow's id. A link names a page, never a person: it
 * grants nothing until its reader signs in.
 *
 * Only pages the portal serves get links: a working group's page, for every message of a group.
 */
import type { Message } from '../domain/messages';

/** The messages of a working group that ask its chair (or the organizer) to act on its page. */
const SUBMIT_LINK_KINDS = [
  'call-for-inputs',
  'input-reminder',
  'input-overdue',
  'input-escalation',
  'revision-requested',
  'extension-granted',
  'extension-denied',
] as const satisfies Message['kind'][];
type WithSubmitLink = Extract<Message, { kind: (typeof SUBMIT_LINK_KINDS)[number] }>;

function hasSubmitLink(message: Message): message is WithSubmitLink {
  return (SUBMIT_LINK_KINDS as readonly string[]).includes(message.kind);
}

const GROUP_WORKFLOW = /^hlm-r?\d+-wg-[a-z][a-z0-9-]*$/;

/** The portal page a message from `workflowId` asks its reader to act on, if there is one. */
export function withPageLink(
  message: Message,
  workflowId: string | undefined,
  publicUrl: string | undefined,
): Message {
  if (!publicUrl || !workflowId || !GROUP_WORKFLOW.test(workflowId)) return message;
  const page = `${publicUrl}/groups/${workflowId}`;
  if (!hasSubmitLink(message) || message.data.submitUrl) return message;
  return { ...message, data: { ...message.data, submitUrl: page } } as Message;
}
