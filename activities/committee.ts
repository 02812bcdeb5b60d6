/**
 * Activities of the decisions and the standing committee: who the people are (rosters from the
 * directory and config/standing-committee.json), what visibility says about every decision (digest,
 * carry-forward), a fair slot for the review meeting, and signal-with-start of the committee.
 *
 * Idempotency: all but the last only read, so a retry returns the same answer (or a fresher one);
 * `notifyCommitteeOfDecisions` may deliver its signal twice, and the committee keeps one.
 */
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { loadHolidayCalendars, type HolidayCalendar } from '../calendar/holidays';
import { findFairSlots } from '../calendar/slots';
import {
  committeePolicyOf,
  decisionPolicyOf,
  resolveParticipant,
  type StandingCommitteeConfig,
} from '../config/committee';
import { placeIn, type Directory } from '../config/directory';
import type { Settings } from '../config/settings';
import { slotParticipant } from '../config/slot-participants';
import { announceToCommittee, committeeIdeas } from '../clients/committee';
import { carriedDecision, listDecisions, type DecisionFilter } from '../clients/decisions';
import {
  buildDigest,
  type CarryForward,
  type CommitteePolicy,
  type Digest,
  type Idea,
  type NewDecisions,
} from '../domain/committee';
import type { DecisionPolicy } from '../domain/decision';
import { addIsoDuration } from '../domain/duration';
import type { Contact, DecisionRoster, OrganizationContacts } from '../domain/roster';
import type { CommitteeRoster, ReviewSlot } from '../domain/standing-committee';

export interface CommitteeActivityDeps {
  settings: Settings;
  directory: Directory;
  /** Holiday calendars by id; the shipped ones (config/holidays/) when absent. */
  holidays?: ReadonlyMap<string, HolidayCalendar>;
  committee: StandingCommitteeConfig;
  /** A Temporal client for visibility and queries; connected on first use. */
  client: () => Promise<Client>;
  now?: () => Date;
}

export interface LoadedDecisionRoster {
  roster: DecisionRoster;
  policy: DecisionPolicy;
}

export interface LoadedCommitteeRoster {
  roster: CommitteeRoster;
  policy: CommitteePolicy;
}

export interface CommitteeActivities {
  loadDecisionRoster(input: {
    organizationIds: string[];
    organizers: Contact[];
  }): Promise<LoadedDecisionRoster>;
  loadCommitteeRoster(): Promise<LoadedCommitteeRoster>;
  buildDigest(input: { from: string; to?: string; ideas: Idea[]; rehearsal?: boolean }): Promise<Digest>;
  /**
   * What the next agenda carries. `meetingAt`: when that meeting is planned, on the plan's calendar;
   * years open are counted from each decision's adoption to then (default: now).
   */
  getCarryForward(input: {
    sinceIso?: string;
    rehearsal?: boolean;
    meetingAt?: string;
  }): Promise<CarryForward>;
  /**
   * `pastInconvenienced`: who was outside working hours at each earlier review, oldest first.
   * `atIso`: the slot starting then (a move the chair chose), with who is outside working hours.
   */
  proposeReviewSlot(input: {
    fromIso: string;
    pastInconvenienced?: string[][];
    atIso?: string;
  }): Promise<ReviewSlot | null>;
  notifyCommitteeOfDecisions(input: NewDecisions): Promise<void>;
}

/** At most this many status queries at once: each replays a decision on a worker. */
const QUERY_CONCURRENCY = 8;

export function createCommitteeActivities(deps: CommitteeActivityDeps): CommitteeActivities {
  const now = deps.now ?? (() => new Date());
  const committeeId = deps.settings.committeeWorkflowId;
  const scope = (filter: DecisionFilter): DecisionFilter => ({
    taskQueue: deps.settings.taskQueue,
    ...filter,
  });
  return {
    async loadDecisionRoster({ organizationIds, organizers }) {
      return {
        roster: decisionRoster(deps, organizationIds, organizers),
        policy: decisionPolicyOf(deps.settings, deps.committee),
      };
    },

    async loadCommitteeRoster() {
      return { roster: deps.committee.roster, policy: committeePolicyOf(deps.settings, deps.committee) };
    },

    async buildDigest({ from, to, ideas, rehearsal = false }) {
      const until = to ?? now().toISOString();
      const client = await deps.client();
      const listings = await listDecisions(client, scope({ runningOrClosedSince: from, rehearsal }));
      const policy = committeePolicyOf(deps.settings, deps.committee);
      const acronyms = Object.fromEntries(deps.directory.organizations.map((o) => [o.id, o.acronym]));
      return buildDigest(listings, ideas, { from, to: until, horizon: policy.digestHorizon, acronyms });
    },

    async getCarryForward({ sinceIso, rehearsal = false, meetingAt }) {
      const client = await deps.client();
      const open = await listDecisions(client, scope({ openOnly: true, rehearsal }));
      const at = meetingAt ? { meeting: meetingAt } : { now: now().toISOString() };
      const decisions = await mapWithLimit(open, QUERY_CONCURRENCY, (d) => carriedDecision(client, d, at));
      const ideas = await committeeIdeas(
        client,
        { workflowId: committeeId, taskQueue: deps.settings.taskQueue },
        sinceIso,
      );
      return { decisions: decisions.sort(byEditionAndRef), ideas };
    },

    async proposeReviewSlot({ fromIso, pastInconvenienced = [], atIso }) {
      const policy = committeePolicyOf(deps.settings, deps.committee);
      if (atIso) return reviewSlot(deps, Date.parse(atIso), policy, pastInconvenienced, 'exactly');
      return reviewSlot(deps, Date.parse(fromIso), policy, pastInconvenienced);
    },

    async notifyCommitteeOfDecisions(input) {
      const client = await deps.client();
      await announceToCommittee(
        client,
        { taskQueue: deps.settings.taskQueue, workflowId: committeeId },
        input,
      );
    },
  };
}

// ── The committee workflow, from a client ──────────────────────────────────────────────────────────

// ── Rosters ─────────────────────────────────────────────────────────────────────────────────────────

function decisionRoster(deps: CommitteeActivityDeps, ids: string[], organizers: Contact[]): DecisionRoster {
  const unknown = ids.filter((id) => !deps.directory.get(id));
  if (unknown.length) {
    throw ApplicationFailure.nonRetryable(
      `unknown organization id(s): ${unknown.join(', ')}. Known ids: ${deps.directory.organizations.map((o) => o.id).join(', ')}`,
      'UnknownOrganization',
    );
  }
  const home = deps.committee.roster.homeTimeZone;
  return {
    organizations: [...new Set(ids)].map((id) => organizationContacts(deps.directory, id)),
    committee: deps.committee.roster.members,
    organizers: organizers.length
      ? organizers.map((o) => resolveParticipant(deps.directory, o, home))
      : deps.committee.roster.organizers,
    knownOrganizationIds: deps.directory.organizations.map((o) => o.id),
  };
}

function organizationContacts(directory: Directory, id: string): OrganizationContacts {
  const org = directory.require(id);
  return {
    id,
    acronym: org.acronym,
    name: org.name,
    focalPoints: org.focalPoints.map((p) => ({ name: p.name, email: p.email, ...placeIn(org, p) })),
  };
}

// ── Visibility ──────────────────────────────────────────────────────────────────────────────────────

const byEditionAndRef = (a: { edition: string; ref: string }, b: { edition: string; ref: string }) =>
  a.edition.localeCompare(b.edition, 'en', { numeric: true }) ||
  a.ref.localeCompare(b.ref, 'en', { numeric: true });

async function mapWithLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// ── Review meeting ──────────────────────────────────────────────────────────────────────────────────

/** The fairest slot for the members, weighting the chair double; none when the window has no slot. */
/**
 * The fairest review meeting in the policy's window: members' zones, working hours, weekends and
 * holidays, with the unsocial hours of earlier reviews (`pastInconvenienced`) rotated onto others.
 */
function reviewSlot(
  deps: CommitteeActivityDeps,
  fromMs: number,
  policy: CommitteePolicy,
  pastInconvenienced: string[][],
  /** `exactly`: the one slot starting at `fromMs`, not a search of the policy's window. */
  window: 'policy' | 'exactly' = 'policy',
): ReviewSlot | null {
  const { members } = deps.committee.roster;
  const { duration } = policy.reviewMeeting;
  const exactly = window === 'exactly';
  // The chair's own time, to the minute (slots start on whole minutes): the one candidate.
  const startMs = exactly ? Math.floor(fromMs / 60_000) * 60_000 : fromMs;
  const calendars = deps.holidays ?? loadHolidayCalendars();
  const slots = findFairSlots({
    participants: members.map((m) =>
      slotParticipant(deps.directory.require(m.organization), calendars, {
        id: m.email,
        timeZone: m.timeZone,
        weight: m.chair ? 2 : 1,
      }),
    ),
    duration,
    from: new Date(exactly ? startMs : addIsoDuration(fromMs, policy.reviewMeeting.earliest)).toISOString(),
    to: new Date(addIsoDuration(startMs, exactly ? duration : policy.reviewMeeting.latest)).toISOString(),
    step: exactly ? 'PT1M' : 'PT30M',
    history: pastInconvenienced.map((inconvenienced) => ({ inconvenienced })),
    limit: 1,
  });
  const best = slots.slots[0];
  return best ? { start: best.start, end: best.end, inconvenienced: best.inconvenienced } : null;
}
