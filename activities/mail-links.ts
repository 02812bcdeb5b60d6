/**
 * Personal links in mail that asks for action. The workflows leave the link fields empty (a link
 * depends on where the portal is published, which is no business of workflow history); the mail
 * activity fills them from the calling workflow's id. A link names a page, never a person: it
 * grants nothing until its reader signs in.
 *
 * Only pages the portal serves get links: a working group's page, for every message of a group.
 */
import type { Message } from '../domain/messages';

const GROUP_WORKFLOW = /^hlm-r?\d+-wg-[a-z][a-z0-9-]*$/;

/** The portal page a message from `workflowId` asks its reader to act on, if there is one. */
export function withPageLink(
  message: Message,
  workflowId: string | undefined,
  publicUrl: string | undefined,
): Message {
  if (!publicUrl || !workflowId || !GROUP_WORKFLOW.test(workflowId)) return message;
  const page = `${publicUrl}/groups/${workflowId}`;
  switch (message.kind) {
    case 'call-for-inputs':
    case 'input-reminder':
    case 'input-overdue':
    case 'input-escalation':
    case 'revision-requested':
    case 'extension-granted':
    case 'extension-denied':
      return message.data.submitUrl
        ? message
        : ({ ...message, data: { ...message.data, submitUrl: page } } as Message);
    default:
      return message;
  }
}
