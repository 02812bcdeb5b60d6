/**
 * Who may act on a decision: the focal points of its lead and responsible organizations, the
 * standing committee and the organizers. Workflows keep a roster in their state so that Update
 * validators, which must be synchronous, can check the actor; a rejection names who may act.
 */
import { z } from 'zod';
import { Email, OrganizationId } from './addresses';
import { Participant, listAddresses, sameAddress } from './people';
import { RejectedAction, type Phrase } from './rejection';
import { Line } from './text';

export const Contact = z.object({ name: Line(200), email: Email });
export type Contact = z.infer<typeof Contact>;

export const CommitteeMember = Participant.extend({ chair: z.boolean().default(false) });
export type CommitteeMember = z.infer<typeof CommitteeMember>;

export const OrganizationContacts = z.object({
  id: OrganizationId,
  acronym: Line(20),
  name: Line(200),
  focalPoints: z.array(Participant).min(1),
});
export type OrganizationContacts = z.infer<typeof OrganizationContacts>;

export const DecisionRoster = z.object({
  /** The lead's and the responsible organizations' focal points (and any later lead's). */
  organizations: z.array(OrganizationContacts),
  committee: z.array(CommitteeMember).min(1),
  organizers: z.array(Participant).min(1),
  /** Every id of the directory, so that a new lead can be checked without a look-up. */
  knownOrganizationIds: z.array(OrganizationId),
});
export type DecisionRoster = z.infer<typeof DecisionRoster>;

export class Roster {
  constructor(readonly data: DecisionRoster) {}

  organization(id: string): OrganizationContacts | undefined {
    return this.data.organizations.find((o) => o.id === id);
  }

  acronym(id: string): string {
    return this.organization(id)?.acronym ?? id.toUpperCase();
  }

  focalPoints(ids: readonly string[]): Participant[] {
    return ids.flatMap((id) => this.organization(id)?.focalPoints ?? []);
  }

  /** "AU (focal.point@au.example.org, deputy@au.example.org)". */
  describe(id: string): string {
    const org = this.organization(id);
    return org ? `${org.acronym} (${listAddresses(org.focalPoints)})` : id.toUpperCase();
  }

  /** The organization, among `ids`, that `email` is a focal point of. */
  organizationOf(email: string, ids: readonly string[]): string | undefined {
    return ids.find((id) => this.organization(id)?.focalPoints.some((p) => sameAddress(p.email, email)));
  }

  member(email: string): CommitteeMember | undefined {
    return this.data.committee.find((m) => sameAddress(m.email, email));
  }

  chairs(): CommitteeMember[] {
    const chairs = this.data.committee.filter((m) => m.chair);
    return chairs.length ? chairs : this.data.committee;
  }

  isOrganizer(email: string): boolean {
    return this.data.organizers.some((o) => sameAddress(o.email, email));
  }

  knows(organizationId: string): boolean {
    return this.data.knownOrganizationIds.includes(organizationId);
  }

  requireMember(email: string, action: Phrase): CommitteeMember {
    const member = this.member(email);
    if (!member) {
      throw new RejectedAction('wrong-actor', 'refusal.onlyCommittee', {
        members: listAddresses(this.data.committee),
        action,
        you: email,
      });
    }
    return member;
  }

  requireOrganizer(email: string, action: Phrase): void {
    if (!this.isOrganizer(email)) {
      throw new RejectedAction('wrong-actor', 'refusal.onlyOrganizers', {
        organizers: listAddresses(this.data.organizers),
        action,
        you: email,
      });
    }
  }

  requireMemberOrOrganizer(email: string, action: Phrase): void {
    if (this.member(email) || this.isOrganizer(email)) return;
    const people = [...this.data.committee, ...this.data.organizers];
    throw new RejectedAction('wrong-actor', 'refusal.onlyCommitteeOrOrganizers', {
      people: listAddresses(people),
      action,
      you: email,
    });
  }
}
