/**
 * The standing committee's file (config/standing-committee.json): members, organizers and how
 * decisions are chased (escalation ladder, reminders) and reviewed. Validated at start against
 * the partner directory; a broken file stops start-up with one line per problem.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { CommitteePolicy, DEFAULT_REVIEW_MEETING } from '../domain/committee';
import { DecisionPolicy, EscalationStep } from '../domain/decision';
import { IsoDurationText } from '../domain/duration';
import { Language, languageFor } from '../domain/language';
import { Email, OrganizationId } from '../domain/organization';
import type { Participant } from '../domain/people';
import type { CommitteeMember, Contact } from '../domain/roster';
import type { CommitteeRoster } from '../domain/standing-committee';
import { Line } from '../domain/text';
import { placeIn, type Directory } from './directory';
import {
  ConfigError,
  describeIssues,
  englishOf,
  problem,
  sources,
  type ConfigProblem,
  type ConfigSource,
} from './problems';
import { REPO_ROOT, type Settings } from './settings';

export const STANDING_COMMITTEE_FILE = path.join(REPO_ROOT, 'config', 'standing-committee.json');

const Name = Line(200);

const CommitteeFile = z.object({
  $comment: z.string().optional(),
  homeTimeZone: z.string().default('America/New_York'),
  members: z
    .array(
      z.object({
        name: Name,
        email: Email,
        organization: OrganizationId,
        chair: z.boolean().default(false),
        timeZone: z.string().optional(),
        /** Overrides the organization's working language for this member. */
        language: Language.optional(),
      }),
    )
    .min(1, 'must list at least one member'),
  organizers: z
    .array(z.object({ name: Name, email: Email, language: Language.optional() }))
    .min(1, 'must list at least one organizer'),
  policy: z
    .object({
      decisions: z
        .object({
          reportWindow: IsoDurationText.default('P14D'),
          dueSoonBefore: IsoDurationText.default('P30D'),
          escalation: z.array(EscalationStep).min(1).optional(),
          /** While a claim awaits verification: how often members are reminded, and after how many the chair. */
          verificationReminderEvery: IsoDurationText.optional(),
          verificationRemindersBeforeChair: z.int().min(1).optional(),
        })
        .default({ reportWindow: 'P14D', dueSoonBefore: 'P30D' }),
      digestHorizon: IsoDurationText.default('P30D'),
      reviewMeeting: CommitteePolicy.shape.reviewMeeting,
    })
    .default({
      decisions: { reportWindow: 'P14D', dueSoonBefore: 'P30D' },
      digestHorizon: 'P30D',
      reviewMeeting: DEFAULT_REVIEW_MEETING,
    }),
});
type CommitteeFile = z.infer<typeof CommitteeFile>;

export interface StandingCommitteeConfig {
  source: string;
  roster: CommitteeRoster;
  file: CommitteeFile;
}

/** Rules across entries and against the directory and the time-zone database. */
function crossChecks(file: CommitteeFile, directory: Directory): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const seen = new Set<string>();
  file.members.forEach((m, i) => {
    if (!directory.get(m.organization)) {
      problems.push(
        problem('config.problem.unknownOrganizationKnown', {
          where: `members.${i}.organization`,
          id: m.organization,
          known: directory.organizations.map((o) => o.id).join(', '),
        }),
      );
    }
    if (seen.has(m.email))
      problems.push(problem('config.problem.listedTwice', { where: `members.${i}.email`, value: m.email }));
    seen.add(m.email);
    if (m.timeZone && !IANAZone.isValidZone(m.timeZone)) {
      problems.push(
        problem('config.problem.unknownZone', {
          where: `members.${i}.timeZone`,
          zone: m.timeZone,
          example: 'Africa/Addis_Ababa',
        }),
      );
    }
  });
  if (!file.members.some((m) => m.chair)) problems.push(problem('config.problem.markChair'));
  if (!IANAZone.isValidZone(file.homeTimeZone)) {
    problems.push(
      problem('config.problem.unknownZone', {
        where: 'homeTimeZone',
        zone: file.homeTimeZone,
        example: 'America/New_York',
      }),
    );
  }
  const policy = DecisionPolicy.safeParse(file.policy.decisions);
  if (!policy.success)
    problems.push(
      ...describeIssues(policy.error.issues, { value: file.policy.decisions, under: 'policy.decisions.' }),
    );
  return problems;
}

export function parseStandingCommittee(
  raw: unknown,
  source: ConfigSource,
  directory: Directory,
): StandingCommitteeConfig {
  const parsed = CommitteeFile.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, describeIssues(parsed.error.issues, { value: raw }));
  const problems = crossChecks(parsed.data, directory);
  if (problems.length) throw new ConfigError(source, problems);
  const file = parsed.data;
  const roster: CommitteeRoster = {
    homeTimeZone: file.homeTimeZone,
    members: file.members.map((m): CommitteeMember => ({
      name: m.name,
      email: m.email,
      chair: m.chair,
      ...placeIn(directory.require(m.organization), m),
    })),
    organizers: file.organizers.map((o) => resolveParticipant(directory, o, file.homeTimeZone)),
  };
  return { source: typeof source === 'string' ? source : englishOf(source), roster, file };
}

export function loadStandingCommittee(
  directory: Directory,
  file = STANDING_COMMITTEE_FILE,
): StandingCommitteeConfig {
  const source = sources.committee(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(source, [
      problem('config.problem.unreadableJson', { reason: (err as Error).message }),
    ]);
  }
  return parseStandingCommittee(raw, source, directory);
}

/** A person by name and address, placed in an organization and a zone through the directory. */
export function resolveParticipant(
  directory: Directory,
  contact: Contact & { language?: string },
  fallbackZone: string,
): Participant {
  const organization = directory.organizationOf(contact.email);
  const focalPoint = organization?.focalPoints.find((p) => p.email === contact.email.toLowerCase());
  return {
    name: contact.name,
    email: contact.email.toLowerCase(),
    ...(organization
      ? placeIn(organization, { ...focalPoint, ...(contact.language ? { language: contact.language } : {}) })
      : { organization: 'un', timeZone: fallbackZone, language: languageFor(contact, []) }),
  };
}

/** The decisions' policy: cadence and stall period from the environment, the rest from the file. */
export function decisionPolicyOf(settings: Settings, committee: StandingCommitteeConfig): DecisionPolicy {
  const { decisions } = committee.file.policy;
  return DecisionPolicy.parse({
    reportCadence: settings.policies.decisionReportCadence,
    stallAfter: settings.policies.decisionStallAfter,
    reportWindow: decisions.reportWindow,
    dueSoonBefore: decisions.dueSoonBefore,
    ...(decisions.escalation ? { escalation: decisions.escalation } : {}),
    verificationReminderEvery: decisions.verificationReminderEvery,
    verificationRemindersBeforeChair: decisions.verificationRemindersBeforeChair,
  });
}

export function committeePolicyOf(settings: Settings, committee: StandingCommitteeConfig): CommitteePolicy {
  return CommitteePolicy.parse({
    reviewPeriod: settings.policies.committeeReviewPeriod,
    digestHorizon: committee.file.policy.digestHorizon,
    reviewMeeting: committee.file.policy.reviewMeeting,
  });
}
