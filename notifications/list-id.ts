/**
 * List-Id (RFC 2919): the messages of one cycle (its groups' included), of one edition's decisions,
 * or of the committee, share an id, so mail clients can file and filter them as a list.
 */
import { senderDomain } from './message-id';

/** The list of the workflow that sends: `hlm-7`, `decisions-7`, or the workflow id itself. */
export function listIdFor(workflowId: string, from: string): string {
  const cycle = /^hlm-(r?\d+)(?:-|$)/.exec(workflowId);
  const decision = /^decision-(r?\d+)-/.exec(workflowId);
  const list = cycle ? `hlm-${cycle[1]}` : decision ? `decisions-${decision[1]}` : workflowId;
  return `<${list.toLowerCase().replace(/[^a-z0-9-]/g, '-')}.${senderDomain(from)}>`;
}
