/**
 * The footer's "You receive this message because …", for one recipient: the role they were sent it
 * in (chair, delegate, member focal point, organizer, committee member …), with the message's own
 * default for a recipient given without one (older workflows, scripts).
 */
import type { MessageKey } from '../../i18n/catalog';
import type { RecipientRole } from '../fields';
import type { TemplateContext } from './context';

/** What the reason sentences may name: the meeting, and the group or decision the message is about. */
export interface ReasonFacts {
  edition: { number: number };
  group?: string;
  ref?: string;
}

const REASONS: Record<RecipientRole, MessageKey> = {
  chair: 'reason.chair',
  delegate: 'reason.delegate',
  member: 'reason.member',
  'focal-point': 'reason.participant',
  organizer: 'reason.organizer',
  committee: 'reason.committee',
  responsible: 'reason.responsible',
};

/** Roles whose sentence names a working group: without one known, the recipient is a participant. */
const IN_A_GROUP: readonly RecipientRole[] = ['chair', 'delegate', 'member'];

/**
 * `special` words a role's reason for one kind of message ("you organize HLM 7 and the group has
 * not submitted"), where the plain role would not say why this message concerns them.
 */
export function reasonFor(
  facts: ReasonFacts,
  { recipient, t }: Pick<TemplateContext, 'recipient' | 't'>,
  fallback: RecipientRole,
  special: Partial<Record<RecipientRole, MessageKey>> = {},
): string {
  const group = recipient.group ?? facts.group;
  let role = recipient.role ?? fallback;
  if (IN_A_GROUP.includes(role) && !group) role = 'focal-point';
  return t(special[role] ?? REASONS[role], {
    number: facts.edition.number,
    group: group ?? '',
    ref: facts.ref ?? '',
  });
}
