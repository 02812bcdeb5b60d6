import { z } from 'zod';
import { Language } from './language';
import type { RecipientRole } from './message-fields';
import { Email, OrganizationId } from './addresses';
import { Line } from './text';

/** A person as the workflows know them: resolved against the directory, with the zone they live in. */
export const Participant = z.object({
  name: Line(200),
  email: Email,
  organization: OrganizationId,
  timeZone: z.string().min(1),
  /** Absent in workflows started before languages existed: they read English. */
  language: Language.optional(),
});
export type Participant = z.infer<typeof Participant>;

export function sameAddress(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function listAddresses(people: readonly { email: string }[]): string {
  return people.map((p) => p.email).join(', ');
}

/** A person on a message's list, with why they are on it (the mail's footer says so). */
export type Addressee = Participant & { role?: RecipientRole; group?: string };

/** The people as addressed in one role (of one working group, for chairs, delegates and members). */
export function inRole(role: RecipientRole, people: readonly Participant[], group?: string): Addressee[] {
  return people.map((p) => ({ ...p, role, ...(group ? { group } : {}) }));
}
