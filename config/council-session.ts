/**
 * A Security Council session's specification (YAML or JSON, config/examples/council-session-*.yaml)
 * and the trusted list of Council affairs organizers (config/council-affairs.json). The specification
 * names the meeting, the presidency, the Council members and the partner organizations with their
 * briefers; the organizers who may act on the session come from the trusted file only. Every
 * problem is reported at once, one line each, naming the field and the rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { localDateTime, TimeZone } from '../calendar/zones';
import { addIsoDuration } from '../domain/duration';
import { CouncilOutcome } from '../domain/council-outcome';
import {
  BRIEFER_ROLES,
  CouncilSessionInput,
  councilSessionKey,
  Presidency,
  type CouncilSessionParams,
} from '../domain/council-session';
import { EditionKey, EditionNumber, editionKey, workflowIds } from '../domain/ids';
import { Language } from '../domain/language';
import { Email, OrganizationId } from '../domain/organization';
import type { Participant } from '../domain/people';
import { Contact } from '../domain/roster';
import { Line } from '../domain/text';
import { resolveParticipant } from './committee';
import { readYamlOrJson } from './data-file';
import { placeIn, type Directory } from './directory';
import { CalendarError } from '../calendar/errors';
import {
  ConfigError,
  describeIssues,
  englishOf,
  problem,
  sources,
  type ConfigProblem,
  type ConfigSource,
} from './problems';
import { REPO_ROOT } from './settings';

export const COUNCIL_AFFAIRS_FILE = path.join(REPO_ROOT, 'config', 'council-affairs.json');

const CouncilAffairsFile = z.object({
  $comment: z.string().optional(),
  homeTimeZone: TimeZone.default('America/New_York'),
  organizers: z.array(Contact).min(1, 'needs at least one Council affairs organizer'),
});

export interface CouncilAffairs {
  source: string;
  organizers: Participant[];
  contacts: Contact[];
}

/** The trusted list: who may start and act on a Council session. */
export function loadCouncilAffairs(directory: Directory, file = COUNCIL_AFFAIRS_FILE): CouncilAffairs {
  const source = sources.councilAffairs(file);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(source, [
      problem('config.problem.unreadableJson', { reason: (err as Error).message }),
    ]);
  }
  const parsed = CouncilAffairsFile.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, describeIssues(parsed.error.issues, { value: raw }));
  return {
    source: englishOf(source),
    contacts: parsed.data.organizers,
    organizers: parsed.data.organizers.map((o) => resolveParticipant(directory, o, parsed.data.homeTimeZone)),
  };
}

const BrieferRef = z.object({
  name: Line(200),
  email: Email,
  role: z.enum(BRIEFER_ROLES),
  /** The briefer's own zone and language, when not the organization's. */
  timeZone: TimeZone.optional(),
  language: Language.optional(),
});

export const CouncilSessionSpec = z.object({
  $comment: z.string().optional(),
  year: z.int().min(1945).max(2999),
  title: Line(300),
  theme: Line(300).optional(),
  meeting: z.object({
    /** Local date-time in the meeting's zone ("2005-10-17T10:00") or an instant with offset. */
    start: z.string().min(1),
    end: z.string().min(1),
    timeZone: TimeZone.default('America/New_York'),
    venue: Line(300),
  }),
  presidency: Presidency,
  councilMembers: z.array(Line(100)).min(1),
  partners: z
    .array(z.object({ organization: OrganizationId, briefer: BrieferRef }))
    .min(1, 'needs at least one partner organization'),
  /** Local date-time in the meeting's zone by which briefers answer. */
  replyBy: z.string().min(1),
  reminderOffsets: z.array(z.string()).optional(),
  /** The high-level meeting whose decisions list carries the session's requests. */
  decisionEdition: z.union([z.int().min(1).max(999).transform(String), EditionKey]),
  /** The high-level meeting the session is timed to coincide with (its cycle is told of moves). */
  coincidesWith: EditionNumber.optional(),
  /** The fields of this file that are illustrative, not from the record. */
  illustrative: z.array(z.string()).default([]),
  /** The outcome, for a session of the past (recorded with `convene council outcome`). */
  outcome: CouncilOutcome.optional(),
});
export type CouncilSessionSpec = z.infer<typeof CouncilSessionSpec>;

export interface SpecOptions {
  directory: Directory;
  affairs: CouncilAffairs;
  now: Date;
  rehearsal?: { secondsPerDay: number };
}

/** The workflow's input from a specification file; ConfigError with every problem otherwise. */
export function loadCouncilSessionSpec(file: string, o: SpecOptions): CouncilSessionParams {
  const source = sources.councilSession(file);
  const raw = readYamlOrJson(file, source);
  const parsed = CouncilSessionSpec.safeParse(raw);
  if (!parsed.success) throw new ConfigError(source, describeIssues(parsed.error.issues, { value: raw }));
  return councilSessionInput(parsed.data, source, o);
}

export function councilSessionInput(
  spec: CouncilSessionSpec,
  source: ConfigSource,
  o: SpecOptions,
): CouncilSessionParams {
  const problems: ConfigProblem[] = [];
  const instant = (value: string, what: string): string => {
    try {
      return localDateTime(value, spec.meeting.timeZone, what).toUTC().toISO()!;
    } catch (err) {
      if (!(err instanceof CalendarError)) throw err;
      problems.push(err.phrase);
      return '';
    }
  };
  const start = instant(spec.meeting.start, 'meeting.start');
  const end = instant(spec.meeting.end, 'meeting.end');
  const replyBy = instant(spec.replyBy, 'replyBy');
  if (start && !o.rehearsal && Date.parse(start) <= o.now.getTime())
    problems.push(
      problem('config.problem.meetingInPast', { start: spec.meeting.start, zone: spec.meeting.timeZone }),
    );
  const partners = spec.partners.flatMap((p, i) => {
    const org = o.directory.get(p.organization);
    if (!org) {
      problems.push(
        problem('config.problem.unknownOrganizationBare', {
          where: `partners.${i}.organization`,
          id: p.organization,
        }),
      );
      return [];
    }
    const { timeZone, language, ...briefer } = p.briefer;
    return [
      {
        organization: org.id,
        acronym: org.acronym,
        name: org.name,
        briefer: { ...briefer, ...placeIn(org, { timeZone, language }) },
      },
    ];
  });
  const offsets = spec.reminderOffsets ?? ['P7D', 'P3D', 'P1D'];
  if (problems.length) throw new ConfigError(source, problems);
  const input = CouncilSessionInput.safeParse({
    key: councilSessionKey(spec.year, Boolean(o.rehearsal)),
    year: spec.year,
    title: spec.title,
    theme: spec.theme,
    meeting: { start, end, timeZone: spec.meeting.timeZone, venue: spec.meeting.venue },
    presidency: spec.presidency,
    organizers: o.affairs.organizers,
    councilMembers: spec.councilMembers,
    partners,
    replyBy,
    reminderOffsets: offsets,
    decisionEdition: spec.decisionEdition,
    ...(spec.coincidesWith
      ? { cycleWorkflowId: workflowIds.cycle(editionKey(spec.coincidesWith, Boolean(o.rehearsal))) }
      : {}),
    ...(o.rehearsal
      ? {
          rehearsal: {
            secondsPerDay: o.rehearsal.secondsPerDay,
            planStart: rehearsalStart(replyBy, offsets),
          },
        }
      : {}),
    illustrative: spec.illustrative,
  });
  if (!input.success) throw new ConfigError(source, describeIssues(input.error.issues));
  return input.data;
}

/** A rehearsal begins a day before the earliest reminder, so every reminder plays. */
function rehearsalStart(replyBy: string, offsets: string[]): string {
  const earliest = Math.min(...offsets.map((x) => addIsoDuration(Date.parse(replyBy), x, -1)));
  return new Date(Math.min(earliest, Date.parse(replyBy)) - 86_400_000).toISOString();
}

/** The outcome in a file: an outcome on its own, or a session specification's `outcome`. */
export function loadCouncilOutcome(file: string): CouncilOutcome {
  const source = sources.councilOutcome(file);
  const raw = readYamlOrJson(file, source);
  const candidate = raw && typeof raw === 'object' && 'outcome' in raw ? raw.outcome : raw;
  const parsed = CouncilOutcome.safeParse(candidate);
  if (!parsed.success)
    throw new ConfigError(source, describeIssues(parsed.error.issues, { value: candidate }));
  return parsed.data;
}
