/**
 * Who the portal knows, and as what: organizers and committee members from the standing
 * committee's file, focal points from the directory, chairs and delegates from the running working
 * groups, Council affairs organizers and briefers from the running Council sessions. Only a known
 * person is mailed a sign-in link; roles decide what pages show, the workflows decide what a person
 * may do.
 */
import type { Client } from '@temporalio/client';
import type { StandingCommitteeConfig } from '../config/committee';
import type { Directory } from '../config/directory';
import { placeIn } from '../config/directory';
import { DEFAULT_LANGUAGE } from '../domain/language';
import { sameAddress } from '../domain/people';
import { councilSessionsOf } from './council';
import { groupsOf, submitterOf } from './groups';

export interface Person {
  email: string;
  name: string;
  /** Where the person works: every time is shown in this zone and the meeting's. */
  timeZone: string;
  organizer: boolean;
  committeeMember: boolean;
  /** The organization the committee member sits for (a verdict on its own decisions is refused). */
  memberOf?: string;
  /** The organization the person is a focal point of, if any. */
  focalPointOf?: string;
  /** What the person reads, from the directory or the committee's file: the pages' language. */
  language: string;
}

export interface SignInRecipient {
  email: string;
  name: string;
  language: string;
}

export interface PeopleDeps {
  directory: Directory;
  committee: StandingCommitteeConfig;
  client: Client;
  taskQueue: string;
}

export class People {
  constructor(private readonly deps: PeopleDeps) {}

  /** The person with this address, as far as the configuration knows them (chairs aside). */
  configured(email: string): Person {
    const { directory, committee } = this.deps;
    const roster = committee.roster;
    const organizer = roster.organizers.find((o) => sameAddress(o.email, email));
    const member = roster.members.find((m) => sameAddress(m.email, email));
    const org = directory.organizationOf(email);
    const focal = org?.focalPoints.find((p) => sameAddress(p.email, email));
    const place = org && focal ? placeIn(org, focal) : undefined;
    return {
      email: email.toLowerCase(),
      name: organizer?.name ?? member?.name ?? focal?.name ?? email,
      timeZone: organizer?.timeZone ?? member?.timeZone ?? place?.timeZone ?? roster.homeTimeZone,
      organizer: Boolean(organizer),
      committeeMember: Boolean(member),
      memberOf: member?.organization,
      focalPointOf: focal ? org?.id : undefined,
      language: organizer?.language ?? member?.language ?? place?.language ?? DEFAULT_LANGUAGE,
    };
  }

  /**
   * Whom a sign-in link for this address goes to, in the language they read (the one their other
   * mail comes in, not the language of the page that asked); undefined for an unknown address,
   * which is mailed nothing.
   */
  async signInRecipient(email: string): Promise<SignInRecipient | undefined> {
    const p = this.configured(email);
    if (p.organizer || p.committeeMember || p.focalPointOf) {
      return { email: p.email, name: p.name, language: p.language };
    }
    const [group] = await groupsOf(this.deps.client, this.deps.taskQueue, email, false);
    const submitter = group && submitterOf(group.view, email);
    if (submitter)
      return { email: p.email, name: submitter.name, language: submitter.language ?? DEFAULT_LANGUAGE };
    return this.councilRecipient(email);
  }

  /** A Council affairs organizer or a briefer of a running Council session, as that session names them. */
  private async councilRecipient(email: string): Promise<SignInRecipient | undefined> {
    const [session] = await councilSessionsOf(this.deps.client, this.deps.taskQueue, email);
    if (!session) return undefined;
    const named =
      session.briefer?.briefer ?? session.status.organizers.find((o) => sameAddress(o.email, email));
    if (!named) return undefined;
    return { email: email.toLowerCase(), name: named.name, language: named.language ?? DEFAULT_LANGUAGE };
  }
}
